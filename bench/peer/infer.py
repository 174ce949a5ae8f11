"""PyTorch CPU peer of bench/src/main/java/io/colisten/bench/InferBench.java: a batch of 64 log-mel
windows (1 x 300 x 64) through each network of bench/peer/models.py in eval mode, 2 threads.

At its best: each network runs in several forms, checked to agree with plain eager first, and the
fastest is reported (stderr says which): eager under torch.inference_mode, eager on channels_last
tensors, and TorchScript frozen with torch.jit.optimize_for_inference (batch norm folded into the
convolutions, oneDNN layouts where it chooses them).
Prints: RESULT infer/<model> <seconds_per_batch> 64 windows/s
Usage: infer.py [MODEL ...]
"""
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

torch.set_num_threads(2)
QUICK = os.environ.get("QUICK") == "1"
BATCH = 64


def variants(net, x):
    yield "eager", net, x
    yield "eager channels_last", net.to(memory_format=torch.channels_last), x.to(memory_format=torch.channels_last)
    net = net.to(memory_format=torch.contiguous_format)
    with torch.no_grad():
        frozen = torch.jit.optimize_for_inference(torch.jit.script(net.eval()))
    yield "torchscript optimize_for_inference", frozen, x


def timed(f, x, budget):
    with torch.inference_mode():
        for _ in range(2):
            f(x)
        times = []
        end = time.perf_counter() + budget
        while time.perf_counter() < end or len(times) < 3:
            t0 = time.perf_counter()
            f(x)
            times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def main():
    print(f"peer: torch {torch.__version__}, threads {torch.get_num_threads()}, "
          f"mkldnn (oneDNN) {torch.backends.mkldnn.is_available()}", file=sys.stderr)
    budget = 3.0 if QUICK else 8.0
    for name in sys.argv[1:] or list(models.MODELS):
        torch.manual_seed(0)
        net = models.build(name).eval()
        x = torch.randn(BATCH, 1, 300, 64) * 2 - 2
        with torch.inference_mode():
            ref = net(x)
        best = None
        for label, f, xv in variants(net, x):
            with torch.inference_mode():
                diff = float((f(xv) - ref).abs().max())
            if diff > 1e-4:
                print(f"peer: {name} {label}: differs from eager by {diff:.2g}, not used", file=sys.stderr)
                continue
            sec = timed(f, xv, budget)
            print(f"peer: {name} {label}: {sec * 1e3:.1f} ms per batch ({BATCH / sec:.1f} windows/s)", file=sys.stderr)
            if best is None or sec < best[0]:
                best = (sec, label)
        print(f"peer: {name}: best {best[1]}", file=sys.stderr)
        print(f"RESULT infer/{name} {best[0]:.6f} {BATCH} windows/s", flush=True)


if __name__ == "__main__":
    main()
