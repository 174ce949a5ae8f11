"""PyTorch CPU peer of bench/src/main/java/io/colisten/bench/ConvBench.java: the same conv2d layers,
forward + backward, on a batch of 132 windows of 1 x 300 x 64 (time x mel), 2 threads.

Each case does exactly the work ours does: forward (with bias), then backward-filter and bias
gradient, plus backward-data only where the layer's input would need a gradient (not for a first
layer, whose input is the log-mel batch). Work unit: GFLOP (2 x multiply-accumulates per pass,
forward + backward-filter [+ backward-data]); rate GFLOP/s.
Prints: RESULT <key> <seconds_per_op> <GFLOP_per_op> GFLOP/s
Usage: conv.py [CASE ...]   (no argument: every case)
"""
import os
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(2)
QUICK = os.environ.get("QUICK") == "1"
N = 132

# key (method name of ConvBench) -> list of layers (cIn, h, w, cOut, kh, kw, sh, sw, ph, pw, groups, needs dIn)
CASES = {
    "smallcnnConv1": [(1, 300, 64, 32, 7, 5, 2, 1, 3, 2, 1, False)],
    "resnetStem": [(1, 300, 64, 64, 7, 5, 2, 1, 3, 2, 1, False)],
    "mobilenetConv1": [(1, 300, 64, 32, 3, 3, 2, 1, 1, 1, 1, False)],
    "smallcnnConv2": [(32, 74, 32, 64, 7, 5, 2, 1, 3, 2, 1, True)],
    "mobilenetDwPw": [(32, 150, 64, 32, 3, 3, 1, 1, 1, 1, 32, True),
                      (32, 150, 64, 64, 1, 1, 1, 1, 0, 0, 1, True)],
}


def out_size(i, k, s, p):
    return (i + 2 * p - k) // s + 1


def gflop(layers):
    total = 0.0
    for (ci, h, w, co, kh, kw, sh, sw, ph, pw, g, din) in layers:
        macs = N * co * out_size(h, kh, sh, ph) * out_size(w, kw, sw, pw) * (ci // g) * kh * kw
        total += 2 * macs * (3 if din else 2) / 1e9
    return total


def setup(layers):
    gen = torch.Generator().manual_seed(1)
    st = []
    for (ci, h, w, co, kh, kw, sh, sw, ph, pw, g, din) in layers:
        x = torch.randn(N, ci, h, w, generator=gen).requires_grad_(din)
        wt = (torch.randn(co, ci // g, kh, kw, generator=gen) * 0.1).requires_grad_(True)
        b = torch.zeros(co).requires_grad_(True)
        dy = torch.randn(N, co, out_size(h, kh, sh, ph), out_size(w, kw, sw, pw), generator=gen)
        st.append((x, wt, b, dy, (sh, sw), (ph, pw), g, din))
    return st


def step(st):
    # Each layer separately, with its own upstream gradient: the same kernels ours runs.
    for (x, wt, b, dy, stride, pad, g, din) in st:
        y = F.conv2d(x, wt, b, stride=stride, padding=pad, groups=g)
        inputs = [wt, b] + ([x] if din else [])
        torch.autograd.grad(y, inputs, dy)


def main():
    print(f"peer: torch {torch.__version__}, threads {torch.get_num_threads()}, "
          f"mkldnn (oneDNN) {torch.backends.mkldnn.is_available()}", file=sys.stderr)
    budget = 2.0 if QUICK else 6.0
    wanted = sys.argv[1:] or list(CASES)
    for key in wanted:
        layers = CASES[key]
        st = setup(layers)
        for _ in range(2):
            step(st)
        times = []
        t_end = time.perf_counter() + budget
        while time.perf_counter() < t_end or len(times) < 3:
            t0 = time.perf_counter()
            step(st)
            times.append(time.perf_counter() - t0)
        times.sort()
        sec = times[len(times) // 2]
        print(f"RESULT {key} {sec:.6f} {gflop(layers):.4f} GFLOP/s", flush=True)


if __name__ == "__main__":
    main()
