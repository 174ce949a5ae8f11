"""NumPy / SciPy peer of LogMelBench: the DESIGN.md log-mel front end on 10 s of 16 kHz audio.

Prints `RESULT logmel <seconds_per_op> 10 x_realtime` for the fastest of these variants, each the
whole chain (periodic Hann 400, hop 160, rfft 512, magnitude, 64-band HTK mel 125-7500 Hz,
log(mel + 0.01)) on the same seeded signal, one thread (OpenBLAS/OMP pinned to 1, SciPy workers=1):
  numpy64  float64: frames by stride tricks, np.fft.rfft, np.abs, matmul, np.log
  scipy32  float32: the same with scipy.fft.rfft (pocketfft in single precision), in-place ops
  scipy32pad  float32: windowed frames written into a zero-padded (frames, 512) buffer so that rfft
           needs no padding copy (about 2x faster here), magnitude and matmul only over the bins
           that carry mel weight (5..239)
Each variant's figure and the winner go to stderr as `peer:` lines; the variants' outputs are
checked against each other first (max |difference| of the log-mel values).
"""
import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.fft  # noqa: E402

RATE, WINDOW, HOP, FFT, BANDS, F_MIN, F_MAX, LOG_OFFSET = 16000, 400, 160, 512, 64, 125.0, 7500.0, 0.01
SECONDS = 10
QUICK = os.environ.get("QUICK") == "1"


def mel_matrix():
    """(257, 64) triangular weights in the mel domain, mel_features.spectrogram_to_mel_matrix's way."""
    def mel(f):
        return 1127.0 * np.log(1.0 + f / 700.0)
    bins_mel = mel(np.linspace(0.0, RATE / 2.0, FFT // 2 + 1))
    edges = np.linspace(mel(F_MIN), mel(F_MAX), BANDS + 2)
    w = np.empty((FFT // 2 + 1, BANDS))
    for i in range(BANDS):
        lo, centre, hi = edges[i:i + 3]
        w[:, i] = np.maximum(0.0, np.minimum((bins_mel - lo) / (centre - lo), (hi - bins_mel) / (hi - centre)))
    w[0, :] = 0.0
    return w


def frames_of(x):
    n = 1 + (len(x) - WINDOW) // HOP
    return np.lib.stride_tricks.as_strided(x, shape=(n, WINDOW), strides=(HOP * x.itemsize, x.itemsize))


def make_numpy64():
    hann = 0.5 - 0.5 * np.cos(2.0 * np.pi / WINDOW * np.arange(WINDOW))
    w = mel_matrix()

    def run(x64, _x32):
        return np.log(np.abs(np.fft.rfft(frames_of(x64) * hann, FFT)) @ w + LOG_OFFSET)
    return run


def make_scipy32():
    hann = (0.5 - 0.5 * np.cos(2.0 * np.pi / WINDOW * np.arange(WINDOW))).astype(np.float32)
    w = mel_matrix().astype(np.float32)
    state = {}

    def run(_x64, x32):
        framed = frames_of(x32)
        if "windowed" not in state:
            state["windowed"] = np.empty(framed.shape, np.float32)
            state["mag"] = np.empty((framed.shape[0], FFT // 2 + 1), np.float32)
            state["mel"] = np.empty((framed.shape[0], BANDS), np.float32)
        windowed, mag, mel = state["windowed"], state["mag"], state["mel"]
        np.multiply(framed, hann, out=windowed)
        np.abs(scipy.fft.rfft(windowed, FFT, workers=1), out=mag)
        np.matmul(mag, w, out=mel)
        mel += LOG_OFFSET
        return np.log(mel, out=mel)
    return run


def make_scipy32pad():
    hann = (0.5 - 0.5 * np.cos(2.0 * np.pi / WINDOW * np.arange(WINDOW))).astype(np.float32)
    full = mel_matrix()
    used = np.nonzero(full.any(axis=1))[0]
    lo, hi = int(used[0]), int(used[-1]) + 1
    w = np.ascontiguousarray(full[lo:hi].astype(np.float32))
    state = {}

    def run(_x64, x32):
        framed = frames_of(x32)
        if "padded" not in state:
            state["padded"] = np.zeros((framed.shape[0], FFT), np.float32)
            state["mag"] = np.empty((framed.shape[0], hi - lo), np.float32)
            state["mel"] = np.empty((framed.shape[0], BANDS), np.float32)
        padded, mag, mel = state["padded"], state["mag"], state["mel"]
        np.multiply(framed, hann, out=padded[:, :WINDOW])
        spectrum = scipy.fft.rfft(padded, workers=1)
        np.abs(spectrum[:, lo:hi], out=mag)
        np.matmul(mag, w, out=mel)
        mel += LOG_OFFSET
        return np.log(mel, out=mel)
    return run


def time_variant(run, x64, x32):
    rounds, round_s = (3, 0.3) if QUICK else (5, 1.5)
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < round_s:
        run(x64, x32)
    means = []
    for _ in range(rounds):
        reps, t0 = 0, time.perf_counter()
        while True:
            run(x64, x32)
            reps += 1
            t = time.perf_counter() - t0
            if t >= round_s:
                break
        means.append(t / reps)
    return sorted(means)[len(means) // 2]


def main():
    rng = np.random.default_rng(42)
    n = SECONDS * RATE
    t = np.arange(n) / RATE
    x64 = 0.3 * np.sin(2 * np.pi * 440.0 * t) + 0.05 * rng.standard_normal(n)
    x32 = x64.astype(np.float32)
    variants = {"numpy64": make_numpy64(), "scipy32": make_scipy32(), "scipy32pad": make_scipy32pad()}
    ref = variants["numpy64"](x64, x32)
    for name, run in variants.items():
        diff = float(np.max(np.abs(run(x64, x32) - ref)))
        print("peer: %s agrees with numpy64 within %.2e (log-mel, %d x %d)" % (name, diff, *ref.shape),
              file=sys.stderr)
    print("peer: numpy %s, scipy %s, one thread (OPENBLAS/OMP_NUM_THREADS=1, workers=1)"
          % (np.__version__, scipy.__version__), file=sys.stderr)
    best = None
    for name, run in variants.items():
        sec = time_variant(run, x64, x32)
        print("peer: %-10s %.4e s per %d s of audio = %.0fx real time" % (name, sec, SECONDS, SECONDS / sec),
              file=sys.stderr)
        if best is None or sec < best[1]:
            best = (name, sec)
    print("peer: best variant %s" % best[0], file=sys.stderr)
    print("RESULT logmel %.6e %d x_realtime" % (best[1], SECONDS), flush=True)


if __name__ == "__main__":
    main()
