"""Writes the golden state_dict names and layer tables of the three networks from their PyTorch
definitions (bench/peer/models.py), for ModelsGoldenTest.

Run from the repository root:  /usr/bin/python3 nn/src/test/python/make_model_golden.py
Output: nn/src/test/resources/golden/models/<name>.state.txt  (one line per state_dict entry:
name dtype shape, shape as comma-separated sizes, "-" for a 0-dim tensor) and <name>.layers.txt
(one line per leaf-module call in forward order on one 1 x 300 x 64 window: name, output shape
without the batch, the module's own parameters, its multiply-accumulates; conv and linear layers
count MACs, everything else 0).
"""
import os
import sys

import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench", "peer"))
import models  # noqa: E402

OUT = os.path.join(ROOT, "nn", "src", "test", "resources", "golden", "models")


def shape_str(shape):
    return ",".join(str(d) for d in shape) if len(shape) else "-"


def macs_of(module, out):
    if isinstance(module, torch.nn.Conv2d):
        kh, kw = module.kernel_size
        return out.shape[2] * out.shape[3] * module.out_channels * (module.in_channels // module.groups) * kh * kw
    if isinstance(module, torch.nn.Linear):
        return module.in_features * module.out_features
    return 0


def layer_rows(net):
    rows = []
    names = {m: n for n, m in net.named_modules()}

    def hook(module, inputs, out):
        own = sum(p.numel() for p in module.parameters(recurse=False))
        rows.append((names[module], tuple(out.shape[1:]), own, macs_of(module, out)))

    handles = [m.register_forward_hook(hook) for m in net.modules() if len(list(m.children())) == 0]
    net.eval()
    with torch.no_grad():
        net(torch.zeros(1, 1, 300, 64))
    for h in handles:
        h.remove()
    return rows


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in models.MODELS:
        net = models.build(name)
        with open(os.path.join(OUT, name + ".state.txt"), "w") as f:
            for key, t in net.state_dict().items():
                f.write(f"{key} {str(t.dtype).replace('torch.', '')} {shape_str(t.shape)}\n")
        rows = layer_rows(net)
        with open(os.path.join(OUT, name + ".layers.txt"), "w") as f:
            for lname, shape, params, macs in rows:
                f.write(f"{lname} {shape_str(shape)} {params} {macs}\n")
        params = sum(p.numel() for p in net.parameters())
        macs = sum(r[3] for r in rows)
        print(f"{name}: {params} parameters, {macs} MACs per window, {len(rows)} layer calls")


if __name__ == "__main__":
    main()
