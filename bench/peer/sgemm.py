"""NumPy (OpenBLAS) peer of SgemmBench: C = op(A) op(B) at the same shapes and transposes, float32.

Prints `RESULT sgemm/<shape> <seconds_per_op> <GFLOP per op> GFLOP/s` (work = 2 m n k / 1e9) with
the keys of SgemmBench, and first which BLAS NumPy runs on and the OpenBLAS kernel it picked.
Shapes from the command line ("1024x1024x1024/NN" ...), all of SgemmBench's by default.
A transposed operand is passed as a transposed view, so OpenBLAS gets the transpose flag, no copy.
"""
import ctypes
import os
import sys
import time

import numpy as np

SHAPES = ["512x512x512/NN", "1024x1024x1024/NN", "2048x2048x2048/NN",
          "132x100000x128/NT", "100000x128x132/TN", "132x128x100000/NN",
          "32x8820x35/NN", "128x1400x1600/NN"]
QUICK = os.environ.get("QUICK") == "1"


def describe_blas():
    """Which BLAS numpy's sgemm lands in: the OpenBLAS core name and thread count, when it is OpenBLAS."""
    libs = []
    for line in open("/proc/self/maps"):
        path = line.split()[-1]
        if ("blas" in path or "lapack" in path) and path.endswith(tuple(".so.%d" % i for i in range(10))) \
                and path not in libs:
            libs.append(path)
    print("peer: numpy %s, BLAS libraries mapped: %s" % (np.__version__, ", ".join(libs) or "none"))
    for path in sorted(libs, key=lambda p: "blas" not in os.path.basename(p)):
        lib = ctypes.CDLL(path)
        if not hasattr(lib, "openblas_get_corename"):
            continue
        lib.openblas_get_corename.restype = ctypes.c_char_p
        lib.openblas_get_config.restype = ctypes.c_char_p
        print("peer: OpenBLAS core %s, %d threads, config: %s" % (
            lib.openblas_get_corename().decode(), lib.openblas_get_num_threads(),
            lib.openblas_get_config().decode()))
        return
    print("peer: WARNING: not OpenBLAS (reference BLAS?): install libopenblas0-pthread for a fair peer")


def run(shape, rng):
    dims, trans = shape.split("/")
    m, n, k = (int(x) for x in dims.split("x"))
    ta, tb = trans[0] == "T", trans[1] == "T"
    a = rng.uniform(-1, 1, size=(k, m) if ta else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, size=(n, k) if tb else (k, n)).astype(np.float32)
    opa, opb = (a.T if ta else a), (b.T if tb else b)
    c = np.empty((m, n), dtype=np.float32)
    gflop = 2.0 * m * n * k / 1e9
    rounds, round_s = (3, 0.5) if QUICK else (5, 2.0)
    # Warm-up (page faults, thread start), then rounds of about round_s each; the median round's mean.
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < round_s:
        np.matmul(opa, opb, out=c)
    means = []
    for _ in range(rounds):
        reps, t0 = 0, time.perf_counter()
        while True:
            np.matmul(opa, opb, out=c)
            reps += 1
            t = time.perf_counter() - t0
            if t >= round_s:
                break
        means.append(t / reps)
    sec = sorted(means)[len(means) // 2]
    print("RESULT sgemm/%s %.6e %.6f GFLOP/s" % (shape, sec, gflop), flush=True)


def main():
    np.matmul(np.ones((64, 64), np.float32), np.ones((64, 64), np.float32))  # load the BLAS first
    describe_blas()
    rng = np.random.default_rng(42)
    for shape in sys.argv[1:] or SHAPES:
        run(shape, rng)


if __name__ == "__main__":
    main()
