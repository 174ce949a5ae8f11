"""PyTorch CPU peer of SoftmaxBench: one step (forward, backward, Adam) of the label classifier of
paper eq. 2 on a batch of 132 unit-length 128-d embeddings, written the natural PyTorch way:
nn.Linear(128, V), log_softmax over the V labels, the l1-normalised multi-hot targets applied
sparsely with gather (each row's label ids padded to the longest row with weight 0), the mean over
the batch, backward (into the embeddings too), torch.optim.Adam(lr 1e-4) step, zero_grad.

Cases (keys of SoftmaxBench): step1m (V = 1,000,000), step100k (V = 100,000). Rows have 1 to 7
labels (about 4), drawn as in SoftmaxBench. Work unit: one step; rate steps/s.
Prints: RESULT <key> <seconds_per_step> 1 steps/s, then `MEMORY <key> <peak RSS bytes>`: the
process's VmHWM after the timed steps (each case runs in its own process, so the peak is that
case's: parameters, gradients, Adam state and the step's temporaries).
Usage: softmax1m.py CASE [--zero-grad none|zeros]   (run once per case: the peak RSS is per process)
"""
import os
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(2)
QUICK = os.environ.get("QUICK") == "1"
B, D = 132, 128
CASES = {"step1m": 1_000_000, "step100k": 100_000}


def vm_hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return -1


def targets(v, gen):
    """Per row 1..7 distinct label ids; padded to the longest row, padding weight 0."""
    counts = torch.randint(1, 8, (B,), generator=gen)
    kmax = int(counts.max())
    idx = torch.zeros(B, kmax, dtype=torch.long)
    wts = torch.zeros(B, kmax)
    for i in range(B):
        k = int(counts[i])
        idx[i, :k] = torch.randperm(v, generator=gen)[:k]
        wts[i, :k] = 1.0 / k
    return idx, wts


def main():
    key = sys.argv[1]
    set_to_none = "--zero-grad" not in sys.argv or sys.argv[sys.argv.index("--zero-grad") + 1] == "none"
    v = CASES[key]
    print(f"peer: torch {torch.__version__}, threads {torch.get_num_threads()}, V {v}, zero_grad(set_to_none="
          f"{set_to_none}), LD_PRELOAD={os.environ.get('LD_PRELOAD', '')}", file=sys.stderr)
    gen = torch.Generator().manual_seed(7)
    head = torch.nn.Linear(D, v)
    opt = torch.optim.Adam(head.parameters(), lr=1e-4)
    u = F.normalize(torch.randn(B, D, generator=gen), dim=1).requires_grad_(True)
    idx, wts = targets(v, gen)

    def step():
        logp = F.log_softmax(head(u), dim=1)
        loss = -(logp.gather(1, idx) * wts).sum() / B
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=set_to_none)
        u.grad = None
        return loss

    for _ in range(2):
        step()
    budget = 4.0 if QUICK else 15.0
    times = []
    t_end = time.perf_counter() + budget
    while time.perf_counter() < t_end or len(times) < 5:
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    times.sort()
    med = times[len(times) // 2]
    print(f"peer: {key}: {len(times)} steps, median {med:.3f} s, best {times[0]:.3f} s, "
          f"peak RSS {vm_hwm() / 2**30:.2f} GiB", file=sys.stderr)
    print(f"RESULT {key} {med:.6f} 1 steps/s")
    print(f"MEMORY {key} {vm_hwm()}")


if __name__ == "__main__":
    main()
