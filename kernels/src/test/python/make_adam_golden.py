#!/usr/bin/python3
"""Writes kernels/src/test/resources/golden/adam.json: a few steps of torch.optim.Adam / AdamW on
tiny float32 tensors, checked by AdamGoldenTest against io.colisten.kernels.cpu.Adam.

Run from the repository root: /usr/bin/python3 kernels/src/test/python/make_adam_golden.py
Each case holds the optimiser settings, the initial parameters, the gradient of every step, and
the parameters and both moment buffers (exp_avg = m, exp_avg_sq = v) after the last step.
"""
import json
import os

import torch

CASES = [
    # name, class, n, steps, lr, betas, eps, weight_decay
    ("adam", torch.optim.Adam, 37, 4, 1e-3, (0.9, 0.999), 1e-8, 0.0),
    ("adam_large_lr", torch.optim.Adam, 19, 3, 0.1, (0.8, 0.99), 1e-6, 0.0),
    ("adamw", torch.optim.AdamW, 37, 4, 1e-2, (0.9, 0.999), 1e-8, 0.1),
]


def floats(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def main():
    torch.manual_seed(1234)
    out = {"torch": torch.__version__, "cases": []}
    for name, cls, n, steps, lr, betas, eps, wd in CASES:
        p = torch.nn.Parameter(torch.randn(n, dtype=torch.float32))
        init = floats(p)
        opt = cls([p], lr=lr, betas=betas, eps=eps, weight_decay=wd)
        grads = []
        for _ in range(steps):
            g = torch.randn(n, dtype=torch.float32) * 0.5
            g[0] = 0.0  # a zero gradient: the update comes from momentum alone
            grads.append(floats(g))
            p.grad = g.clone()
            opt.step()
        st = opt.state[p]
        out["cases"].append({
            "name": name, "lr": lr, "beta1": betas[0], "beta2": betas[1], "eps": eps,
            "weight_decay": wd, "steps": steps, "param0": init, "grads": grads,
            "param": floats(p), "m": floats(st["exp_avg"]), "v": floats(st["exp_avg_sq"]),
        })
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "adam.json")
    with open(os.path.normpath(path), "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
