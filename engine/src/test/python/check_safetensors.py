#!/usr/bin/python3
"""Checks the safetensors files that engine's Java tests wrote (engine/target/safetensors-check/)
with PyTorch: torch 1.13 has no safetensors loader, so this parses each file itself (checking the
layout: 8-byte length, header starting with '{' and padded with spaces to a multiple of 8, data
ranges tiling the data section), builds tensors with torch.frombuffer, and compares them with the
values make_safetensors_golden.py made. The state_dict files are loaded into the PyTorch module
with load_state_dict(strict=True), which checks names, shapes and dtypes (int64
num_batches_tracked included), and must give the same outputs as the original module.

Run after `mvn -pl engine -am test`, from the repository root:
    /usr/bin/python3 engine/src/test/python/check_safetensors.py
"""
import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
import make_safetensors_golden as golden  # noqa: E402

CHECK = os.path.join(os.path.dirname(__file__), "..", "..", "..", "target", "safetensors-check")
TORCH = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64,
         "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8,
         "BOOL": torch.bool}


def load(path):
    data = open(path, "rb").read()
    (n,) = struct.unpack("<Q", data[:8])
    text = data[8:8 + n]
    assert text[:1] == b"{", "header must start with '{'"
    json_text = text.rstrip(b" ")
    assert n % 8 == 0 and json_text.endswith(b"}") and n - len(json_text) < 8, "padding: spaces to a multiple of 8"
    header = json.loads(text.decode("utf-8"))
    meta = header.pop("__metadata__", {})
    body = data[8 + n:]
    end = 0
    raw = {}
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        b, e = info["data_offsets"]
        assert b == end, f"{name}: gap or overlap at {b}"
        end = e
        raw[name] = (info["dtype"], info["shape"], body[b:e])
    assert end == len(body), "data section not fully covered"
    return raw, meta


def to_torch(dtype, shape, raw):
    if dtype not in TORCH:
        return None
    t = torch.frombuffer(bytearray(raw), dtype=TORCH[dtype]) if raw else torch.empty(0, dtype=TORCH[dtype])
    return t.reshape(shape)


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and bool(torch.equal(a.view(-1).view(torch.uint8) if a.dtype != torch.bool else a,
                                                                          b.view(-1).view(torch.uint8) if b.dtype != torch.bool else b))


def check_dtypes(path):
    raw, meta = load(path)
    assert meta == {"format": "pt", "source": "make_safetensors_golden.py"}, meta
    want = golden.dtypes_tensors()
    assert set(raw) == set(want), set(raw) ^ set(want)
    compared = 0
    for name, (dtype, shape, data) in want.items():
        got = raw[name]
        assert got[0] == dtype and got[1] == shape and got[2] == data, name
        t = to_torch(*got)
        if t is not None:
            assert same(t, to_torch(dtype, shape, data)), name
            compared += 1
    return f"{len(raw)} tensors equal, {compared} as torch tensors"


def check_state_dict(path):
    raw, meta = load(path)
    assert meta == {"format": "pt"}, meta
    state = {name: to_torch(*v) for name, v in raw.items()}
    model = golden.TinyModule()
    model.load_state_dict(state, strict=True)
    ref = golden.tiny_module()
    for name, value in ref.state_dict().items():
        assert same(value, model.state_dict()[name]), name
    model.eval()
    ref.eval()
    x = torch.randn(2, 1, 6, 6, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        diff = (model(x) - ref(x)).abs().max().item()
    assert diff == 0.0, diff
    return f"load_state_dict(strict=True) ok, {len(state)} tensors bit-equal, outputs max abs diff {diff}"


def main():
    checks = {"dtypes.safetensors": check_dtypes, "tiny_module.safetensors": check_state_dict,
              "java_state_dict.safetensors": check_state_dict}
    failed = 0
    for name, check in checks.items():
        path = os.path.join(CHECK, name)
        try:
            print(f"{name}: {check(path)}")
        except Exception as e:  # report every file, then fail
            failed += 1
            print(f"{name}: FAILED {type(e).__name__}: {e}")
    print(f"{len(checks) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
