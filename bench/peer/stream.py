"""NumPy peer of StreamBench: triplet-batch windows from the same feature store, memory-mapped.

Usage: stream.py STORE_DIR [BATCH]   (STORE_DIR holds frames.f16, index.tsv; BATCH defaults to 132)

A batch is 3 x BATCH windows of 300 frames x 64 bands, each from a recording drawn uniformly
from index.tsv with a start uniform over the recording's whole windows, converted from float16 to
float32 into a preallocated (3, BATCH, 1, 300, 64) array (reused, as ours reuses its buffers).
The peer draws recordings uniformly rather than by the co-listen graph: the graph walk is a few
microseconds of ours per batch, the window copies are the work. Variants (each checked to give
the same array as `loop` for the same draws first):
  loop      one thread: out[i] = frames[s:s + 300] per window (NumPy casts while copying)
  gather    one thread: one fancy-index gather frames[starts[:, None] + arange(300)], then a cast
  threads2  two threads, each doing `loop` over half the windows (the cast releases the GIL)
Prints `RESULT triplets/BATCH/1 <sec> 1 batches/s` for the best one-thread variant and
`RESULT triplets/BATCH/2 <sec> 1 batches/s` for the best of all (ours runs 1 and 2 threads).
For reference only (a `peer:` line, not a RESULT: the issue names NumPy as the peer), the same
loop through PyTorch's Tensor.copy_ from the memory-mapped array, one thread (its float16 cast is
vectorised with F16C where NumPy 1.24 converts one element at a time), when torch is installed.
"""
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

FRAMES, BANDS = 300, 64
QUICK = os.environ.get("QUICK") == "1"


def read_index(path):
    offsets, frames = [], []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.endswith("\n"):
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) != 6:
            continue
        offsets.append(int(f[1]))
        frames.append(int(f[2]))
    return np.array(offsets, np.int64), np.array(frames, np.int64)


def main():
    store = sys.argv[1]
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 132
    offsets, lengths = read_index(os.path.join(store, "index.tsv"))
    total = int((offsets + lengths).max())
    frames = np.memmap(os.path.join(store, "frames.f16"), dtype="<f2", mode="r", shape=(total, BANDS))
    n = 3 * batch
    out = np.empty((3, batch, 1, FRAMES, BANDS), np.float32)
    flat = out.reshape(n, FRAMES, BANDS)
    ar = np.arange(FRAMES)
    rng = np.random.default_rng(1)
    pool = ThreadPoolExecutor(2)

    def draw():
        rec = rng.integers(0, len(offsets), n)
        return offsets[rec] + (rng.random(n) * (lengths[rec] - FRAMES + 1)).astype(np.int64)

    def loop_range(starts, lo, hi):
        for i in range(lo, hi):
            s = starts[i]
            flat[i] = frames[s:s + FRAMES]

    def loop():
        loop_range(draw(), 0, n)

    def gather():
        starts = draw()
        flat[...] = frames[starts[:, None] + ar]

    def threads2():
        starts = draw()
        a = pool.submit(loop_range, starts, 0, n // 2)
        b = pool.submit(loop_range, starts, n // 2, n)
        a.result()
        b.result()

    variants = {"loop": loop, "gather": gather, "threads2": threads2}
    try:
        import warnings
        import torch
        torch.set_num_threads(1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the memory map is read-only; torch only reads it
            frames_t = torch.from_numpy(frames)
        flat_t = torch.from_numpy(flat)

        def torch1():
            starts = draw()
            for i in range(n):
                s = int(starts[i])
                flat_t[i].copy_(frames_t[s:s + FRAMES])
        variants["torch1"] = torch1
    except ImportError:
        pass
    # Same draws, same array: reseed before each variant and compare.
    ref = None
    for name, run in variants.items():
        rng = np.random.default_rng(7)
        run()
        if ref is None:
            ref = out.copy()
        elif not np.array_equal(ref, out):
            raise SystemExit("peer: variant %s disagrees with loop" % name)
    print("peer: numpy %s; %d recordings, %d frames in %s (memory-mapped float16); variants agree"
          % (np.__version__, len(offsets), total, store), file=sys.stderr)

    rounds, round_s = (3, 0.5) if QUICK else (5, 2.0)
    best = {}
    for name, run in variants.items():
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < round_s:
            run()
        means = []
        for _ in range(rounds):
            reps, t0 = 0, time.perf_counter()
            while True:
                run()
                reps += 1
                t = time.perf_counter() - t0
                if t >= round_s:
                    break
            means.append(t / reps)
        sec = sorted(means)[len(means) // 2]
        best[name] = sec
        print("peer: %-9s %.3f ms per batch of %d windows = %.1f batches/s" % (name, sec * 1e3, n, 1 / sec), file=sys.stderr)
    numpy_only = [k for k in best if k != "torch1"]
    one = min(("loop", "gather"), key=best.get)
    two = min(numpy_only, key=best.get)
    print("peer: best NumPy one-thread variant %s, best NumPy variant %s%s" % (one, two,
          "; torch1 (reference only) %.1f batches/s" % (1 / best["torch1"]) if "torch1" in best else ""), file=sys.stderr)
    print("RESULT triplets/%d/1 %.6e 1 batches/s" % (batch, best[one]), flush=True)
    print("RESULT triplets/%d/2 %.6e 1 batches/s" % (batch, best[two]), flush=True)


if __name__ == "__main__":
    main()
