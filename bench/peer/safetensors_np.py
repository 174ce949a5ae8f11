"""safetensors read and write with json + struct + numpy (torch 1.13 has no safetensors loader).

Layout: 8-byte little-endian header length N, N bytes of JSON {name: {dtype, shape, data_offsets},
"__metadata__": {str: str}}, then the raw little-endian data. Only the dtypes our files use.
"""
import json
import struct

import numpy as np

DTYPES = {"F32": np.dtype("<f4"), "F64": np.dtype("<f8"), "I64": np.dtype("<i8"), "F16": np.dtype("<f2")}
NAMES = {v: k for k, v in DTYPES.items()}


def read(path):
    """-> (dict name -> numpy array in header order, metadata dict)."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        raise ValueError(f"{path}: header length {n} exceeds the file ({len(data)} bytes)")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {}) or {}
    body = data[8 + n:]
    out = {}
    for name, h in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        dt = DTYPES.get(h["dtype"])
        if dt is None:
            raise ValueError(f"{path}: tensor {name}: dtype {h['dtype']} not supported here")
        b, e = h["data_offsets"]
        a = np.frombuffer(body[b:e], dtype=dt)
        out[name] = a.reshape(h["shape"]).copy()
    return out, meta


def write(path, tensors, metadata=None):
    """tensors: dict name -> numpy array (float32, float64, int64), written in dict order."""
    header, chunks, off = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name, a in tensors.items():
        a = np.ascontiguousarray(a)
        dt = a.dtype.newbyteorder("<")
        raw = a.astype(dt).tobytes()
        header[name] = {"dtype": NAMES[dt], "shape": list(a.shape), "data_offsets": [off, off + len(raw)]}
        chunks.append(raw)
        off += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for c in chunks:
            f.write(c)


def load_state(module, tensors):
    """Loads our state_dict entries into a torch module (strict: every key of the module)."""
    import torch
    sd = {k: torch.from_numpy(np.array(tensors[k])) for k in module.state_dict().keys()}
    module.load_state_dict(sd, strict=True)
