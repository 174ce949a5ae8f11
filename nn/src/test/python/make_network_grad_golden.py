"""Golden training-mode forward and backward of narrow versions of the three networks, for
NetworkGradientGoldenTest: PyTorch (bench/peer/models.py) on random float32 weights and inputs,
with batch norm's affine parameters and running statistics moved off their defaults, computed in
float64 (the reference both float32 implementations are measured against; the script prints how
far PyTorch's own float32 run is from it, the scale of error the test must allow).

Run from the repository root:  /usr/bin/python3 nn/src/test/python/make_network_grad_golden.py
Writes nn/src/test/resources/golden/models/<name>.grad.safetensors holding the state_dict under
its own names, and: input.x [n, 1, T, F], input.r [n, 16]; expected.y = f(x) in training mode;
grad.input and grad.<parameter> = d sum(r * y) / d (.); after.<buffer> = running statistics after
that forward; expected.eval_y = f(x) in eval mode after it. Metadata: width, frames, bands, embedding.
"""
import copy
import os
import sys

import numpy as np
import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench", "peer"))
import models  # noqa: E402
import safetensors_np  # noqa: E402

OUT = os.path.join(ROOT, "nn", "src", "test", "resources", "golden", "models")
CASES = {"smallcnn": (0.125, 112, 16), "mobilenet": (0.0625, 96, 48), "resnet18": (0.0625, 64, 32)}
N, EMB = 4, 16


def run(net, x, r):
    """Training-mode forward and the gradients of sum(r * y) for the input and every parameter (the
    running statistics of `net` move once, as in the Java test)."""
    net.zero_grad()
    x = x.detach().clone().requires_grad_(True)
    net.train()
    y = net(x)
    (y * r).sum().backward()
    grads = {"input": x.grad.detach().clone()}
    for k, p in net.named_parameters():
        grads[k] = p.grad.detach().clone()
    return y, grads


def main():
    torch.manual_seed(7)
    for name, (width, frames, bands) in CASES.items():
        net = models.MODELS[name](width=width, embedding=EMB)
        for mname, m in net.named_modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                with torch.no_grad():
                    m.weight.uniform_(0.5, 1.5)
                    m.bias.uniform_(-0.5, 0.5)
                    m.running_mean.uniform_(-0.5, 0.5)
                    m.running_var.uniform_(0.5, 1.5)
                    m.num_batches_tracked.fill_(3)
        state = {k: v.detach().numpy().copy() for k, v in net.state_dict().items()}
        x32 = torch.randn(N, 1, frames, bands) * 2 - 3
        r32 = torch.randn(N, EMB)
        grads32 = run(copy.deepcopy(net), x32, r32)[1]
        net = net.double()
        x = x32.double().requires_grad_(True)
        r = r32.double()
        y, grads = run(net, x, r)
        err = max(float((grads32[k] - grads[k].float()).abs().max() / grads[k].abs().max()) for k in grads)
        out = dict(state)
        out["input.x"] = x32.numpy()
        out["input.r"] = r32.numpy()
        out["expected.y"] = y.detach().float().numpy()
        for k, g in grads.items():
            out["grad." + k] = g.float().numpy()
        for k, b in net.named_buffers():
            out["after." + k] = b.detach().numpy().copy() if k.endswith("num_batches_tracked") else b.detach().float().numpy()
        net.eval()
        with torch.no_grad():
            out["expected.eval_y"] = net(x.detach()).float().numpy()
        meta = {"width": width, "frames": frames, "bands": bands, "embedding": EMB}
        path = os.path.join(OUT, name + ".grad.safetensors")
        safetensors_np.write(path, out, meta)
        print(f"{name}: {sum(p.numel() for p in net.parameters())} parameters -> {path} ({os.path.getsize(path)} bytes); "
              f"PyTorch float32 gradients within {err:.2e} x max|grad| of float64")


if __name__ == "__main__":
    main()
