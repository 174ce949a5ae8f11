"""PyTorch CPU peer of bench/src/main/java/io/colisten/bench/InferConvBench.java: the convolutions of
the inference benchmark one at a time (batch 64, forward only, torch.inference_mode, 2 threads),
F.conv2d with bias, i.e. oneDNN's direct convolution on this machine. The same time is reported
under both of ours' keys (direct/LAYER and winograd/LAYER); work unit GFLOP = 2 x MACs.
Prints: RESULT <method>/<layer> <seconds_per_op> <GFLOP_per_op> GFLOP/s
Usage: infer_conv.py [LAYER ...]   (no argument: every layer)
"""
import os
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(2)
QUICK = os.environ.get("QUICK") == "1"
N = 64

# layer -> (cIn, h, w, cOut, kh, kw, sh, sw, ph, pw), as InferConvBench.geometry
LAYERS = {
    "smallcnn2": (32, 74, 63, 64, 7, 5, 2, 1, 3, 2),
    "smallcnn3": (64, 37, 63, 64, 7, 5, 2, 1, 3, 2),
    "smallcnn4": (64, 19, 63, 128, 7, 5, 2, 1, 3, 2),
    "resnet1": (64, 37, 31, 64, 3, 3, 1, 1, 1, 1),
    "resnet2": (128, 19, 16, 128, 3, 3, 1, 1, 1, 1),
    "resnet3": (256, 10, 8, 256, 3, 3, 1, 1, 1, 1),
    "resnet4": (512, 5, 4, 512, 3, 3, 1, 1, 1, 1),
}


def main():
    print(f"peer: torch {torch.__version__}, threads {torch.get_num_threads()}, "
          f"mkldnn (oneDNN) {torch.backends.mkldnn.is_available()}", file=sys.stderr)
    budget = 1.5 if QUICK else 4.0
    for name in sys.argv[1:] or list(LAYERS):
        ci, h, w, co, kh, kw, sh, sw, ph, pw = LAYERS[name]
        gen = torch.Generator().manual_seed(1)
        x = torch.rand(N, ci, h, w, generator=gen) * 2 - 1
        wt = (torch.rand(co, ci, kh, kw, generator=gen) * 2 - 1) * 0.1
        b = (torch.rand(co, generator=gen) * 2 - 1) * 0.1
        oh, ow = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
        gflop = 2.0 * N * co * oh * ow * ci * kh * kw / 1e9
        with torch.inference_mode():
            for _ in range(3):
                F.conv2d(x, wt, b, stride=(sh, sw), padding=(ph, pw))
            times, end = [], time.perf_counter() + budget
            while time.perf_counter() < end or len(times) < 5:
                t0 = time.perf_counter()
                F.conv2d(x, wt, b, stride=(sh, sw), padding=(ph, pw))
                times.append(time.perf_counter() - t0)
        times.sort()
        sec = times[len(times) // 2]
        print(f"peer: {name}: {sec * 1e3:.1f} ms ({gflop / sec:.0f} GFLOP/s)", file=sys.stderr)
        for method in ("direct", "winograd"):
            print(f"RESULT {method}/{name} {sec:.6f} {gflop:.4f} GFLOP/s", flush=True)


if __name__ == "__main__":
    main()
