#!/usr/bin/python3
"""Golden safetensors files for engine's io tests.

Debian has no python3-safetensors, so this script writes the format itself with json and struct,
following the reference implementation's serialisation: tensors sorted by dtype alignment (the
reference's Dtype enum order, largest first) then by name (UTF-8 bytes); data back to back from
offset 0; compact JSON (no spaces, non-ASCII unescaped) with "__metadata__" first (keys sorted)
and entries in data order; the header padded with spaces to a multiple of 8.

Values come from formulas that SafeTensorsGoldenTest recomputes in Java, or are special values
with fixed bits; tiny_module.safetensors is a PyTorch module's state_dict() after one training
forward (so running statistics and the int64 num_batches_tracked have moved).

Run from the repository root with Debian's Python (it has torch):  /usr/bin/python3 engine/src/test/python/make_safetensors_golden.py
Then check the files the Java tests wrote:  /usr/bin/python3 engine/src/test/python/check_safetensors.py
"""
import json
import os
import struct

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "safetensors")

# The reference Dtype enum order (increasing alignment); writers sort by it, descending.
RANK = ["BOOL", "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F8_E4M3FNUZ",
        "F8_E5M2FNUZ", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "C64", "F64", "I64", "U64"]
SIZE = {"BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4, "F64": 8, "I64": 8, "U64": 8}


def serialize(tensors, metadata=None):
    """tensors: name -> (dtype, shape, little-endian bytes). Returns the file's bytes."""
    order = sorted(tensors, key=lambda n: (-RANK.index(tensors[n][0]), n.encode("utf-8")))
    header = {}
    if metadata:
        header["__metadata__"] = {k: metadata[k] for k in sorted(metadata, key=lambda k: k.encode("utf-8"))}
    offset, data = 0, []
    for name in order:
        dtype, shape, raw = tensors[name]
        assert len(raw) == int(np.prod(shape, dtype=np.int64)) * SIZE[dtype], name
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        data.append(raw)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(data)


def le(array, dtype):
    return np.ascontiguousarray(array, dtype=np.dtype(dtype).newbyteorder("<")).tobytes()


def dtypes_tensors():
    """Every dtype we read, with values SafeTensorsGoldenTest knows."""
    t = {}
    i15 = np.arange(15, dtype=np.float64)
    t["f32.matrix"] = ("F32", [3, 5], le((i15 * 0.37 - 2.0).astype(np.float32), "f4"))
    special = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45], dtype=np.float32)
    t["f32.special"] = ("F32", [6], le(special, "f4"))
    t["f32.scalar"] = ("F32", [], le(np.float32(3.5), "f4"))
    t["f32.empty"] = ("F32", [0, 3], b"")
    i12 = np.arange(12, dtype=np.float64)
    t["f16.values"] = ("F16", [2, 3, 2], le((i12 * 0.25 - 1.5).astype(np.float16), "f2"))
    f16_special = np.array([65504.0, 2.0 ** -24, -0.0, np.inf, np.nan], dtype=np.float16)
    t["f16.special"] = ("F16", [5], le(f16_special, "f2"))
    bf = torch.tensor((np.arange(8, dtype=np.float64) * 0.5 - 3.0).tolist(), dtype=torch.float64)
    bf_bits = bf.to(torch.bfloat16).view(torch.int16).numpy()
    t["bf16.values"] = ("BF16", [8], le(bf_bits, "i2"))
    # 1/3 is not a bfloat16: torch rounds it to nearest even (0x3EAB).
    third = torch.tensor([1.0 / 3.0], dtype=torch.float32).to(torch.bfloat16).view(torch.int16).numpy()
    t["bf16.third"] = ("BF16", [1], le(third, "i2"))
    t["f64.values"] = ("F64", [4], le(np.arange(4, dtype=np.float64) * 0.1, "f8"))
    t["bn.num_batches_tracked"] = ("I64", [], le(np.int64(7), "i8"))
    t["i64.values"] = ("I64", [3], le(np.array([-2 ** 63, -1, 2 ** 63 - 1], dtype=np.int64), "i8"))
    t["i32.values"] = ("I32", [2, 2], le(np.array([-2 ** 31, -1, 0, 2 ** 31 - 1], dtype=np.int32), "i4"))
    t["i16.values"] = ("I16", [2], le(np.array([-32768, 32767], dtype=np.int16), "i2"))
    t["i8.values"] = ("I8", [2], le(np.array([-128, 127], dtype=np.int8), "i1"))
    t["u8.values"] = ("U8", [4], le(np.array([0, 1, 127, 255], dtype=np.uint8), "u1"))
    t["u16.values"] = ("U16", [2], le(np.array([0, 65535], dtype=np.uint16), "u2"))
    t["u32.values"] = ("U32", [2], le(np.array([0, 2 ** 32 - 1], dtype=np.uint32), "u4"))
    t["u64.values"] = ("U64", [2], le(np.array([1, 2 ** 64 - 1], dtype=np.uint64), "u8"))
    t["bool.values"] = ("BOOL", [3], bytes([1, 0, 1]))
    # torch 1.13 has no float8: bytes with known values (E4M3fn: 1, -1, 448, 2^-9, NaN;
    # E5M2: 1, 57344, inf, 2^-16).
    t["f8e4m3.values"] = ("F8_E4M3", [5], bytes([0x38, 0xB8, 0x7E, 0x01, 0x7F]))
    t["f8e5m2.values"] = ("F8_E5M2", [4], bytes([0x3C, 0x7B, 0x7C, 0x01]))
    t["\u00fcn\u00efcode.w\u00e9ight"] = ("F32", [2], le(np.array([1.0, -2.0], dtype=np.float32), "f4"))
    return t


class TinyModule(torch.nn.Module):
    """conv -> batch norm -> linear, with PyTorch's names."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 2, 3)
        self.bn = torch.nn.BatchNorm2d(2)
        self.fc = torch.nn.Linear(8, 3)

    def forward(self, x):
        h = self.bn(self.conv(x))
        return self.fc(h.mean(dim=(2, 3)).repeat(1, 4))


def tiny_module():
    torch.manual_seed(0)
    m = TinyModule()
    m.train()
    m(torch.randn(4, 1, 6, 6))
    return m


TORCH_TO_DTYPE = {torch.float32: ("F32", "f4"), torch.int64: ("I64", "i8")}


def state_dict_tensors(module):
    out = {}
    for name, value in module.state_dict().items():
        dtype, np_type = TORCH_TO_DTYPE[value.dtype]
        out[name] = (dtype, list(value.shape), le(value.detach().numpy(), np_type))
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {
        "dtypes.safetensors": serialize(dtypes_tensors(), {"format": "pt", "source": "make_safetensors_golden.py"}),
        "tiny_module.safetensors": serialize(state_dict_tensors(tiny_module()), {"format": "pt"}),
        "empty.safetensors": serialize({}),
    }
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(name, len(data), "bytes")


if __name__ == "__main__":
    main()
