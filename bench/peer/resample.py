"""SciPy peer of bench/src/main/java/io/colisten/bench/ResampleBench.java: 10 s of 44.1 kHz white
noise resampled to 16 kHz by scipy.signal.resample_poly(x, 160, 441), its default Kaiser(5.0)
window (a filter of 8,821 taps at the 7.056 MHz intermediate rate, about 55 per output; ours uses
288, see notes/resample.md). resample_poly's polyphase loop (upfirdn, Cython) is single-threaded;
BLAS and OpenMP are pinned to one thread anyway. It runs on float32 and on float64 input and reports
the faster (saying which); each is timed as the median of repeated calls after two warm-up calls.

Prints: RESULT resample44k <seconds_per_op> <audio_seconds_per_op> x_realtime
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.signal as ss  # noqa: E402

QUICK = os.environ.get("QUICK") == "1"
FROM, TO, SECONDS = 44100, 16000, 10


def median_time(x, budget):
    for _ in range(2):
        ss.resample_poly(x, 160, 441)
    times = []
    t_end = time.perf_counter() + budget
    while time.perf_counter() < t_end or len(times) < 5:
        t0 = time.perf_counter()
        ss.resample_poly(x, 160, 441)
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def main():
    budget = 1.0 if QUICK else 4.0
    x = np.random.default_rng(1).uniform(-1, 1, FROM * SECONDS)
    results = {}
    for dtype in (np.float32, np.float64):
        results[np.dtype(dtype).name] = median_time(x.astype(dtype), budget)
    best = min(results, key=results.get)
    print("peer: scipy %s, numpy %s, resample_poly(x, 160, 441) on %d samples, single-threaded; %s" % (
        scipy.__version__, np.__version__, len(x),
        ", ".join("%s %.3f ms" % (k, v * 1e3) for k, v in results.items())), file=sys.stderr)
    print("peer: best is %s input" % best, file=sys.stderr)
    sec = results[best]
    print(f"RESULT resample44k {sec:.6f} {SECONDS} x_realtime", flush=True)


if __name__ == "__main__":
    main()
