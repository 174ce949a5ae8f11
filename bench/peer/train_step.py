"""PyTorch CPU peer of TrainStepSmallCnnBench: one SmallCNN training step (bench/peer/models.py) of
either stage, batch 132, windows 1 x 300 x 64 drawn N(0, 1), torch.optim.Adam(lr 1e-4) over the
network (and the classifier), batch norm in training mode, 2 threads.

- step/triplet: the 3 x 132 windows in one forward pass; within-batch semi-hard mining (vectorised,
  no grad) over the 132 negatives: candidates exclude the pairs of SmallCnnTrainStep.excluded
  (j == i or (31 i + 17 j) mod 29 == 0); the closest candidate farther than the positive, else the
  farthest candidate; then the mean hinge [|a-p|^2 - |a-n|^2 + 0.1]_+ on the chosen triplets,
  backward, Adam step, zero_grad(set_to_none=True).
- step/labels: 132 windows; nn.Linear(128, 100000); the cross-entropy against l1-normalised
  multi-hot targets (1 to 7 labels per row) written two ways, both timed: log_softmax + gather
  (as bench/peer/softmax1m.py) and F.cross_entropy with dense probability targets; backward, Adam
  over network and classifier, zero_grad(set_to_none=True).

At its best: each stage is tried with contiguous (NCHW) and channels_last tensors (and the labels
stage with both loss forms), one warm-up and two timed steps each; the fastest variant is then
timed over 30 s (at least 5 steps; QUICK=1: 10 s, 3 steps). stderr says which and all times.
Prints: BEST step/<stage> <variant>, RESULT step/<stage> <seconds_per_step> 1 steps/s (the median
of the best variant's steps).
With --variant NAME --memory it runs that variant only (3 steps) and prints
`MEMORY step/<stage> <VmHWM bytes>` (each memory run in its own process: the peak is that variant's).
Usage: train_step.py STAGE [--variant NAME [--memory]]   (STAGE: triplet, labels; --variant alone skips the
trial and times that variant)
"""
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

torch.set_num_threads(2)
QUICK = os.environ.get("QUICK") == "1"
B, FRAMES, BANDS, LABELS, MARGIN = 132, 300, 64, 100_000, 0.1


def vm_hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return -1


def excluded_mask():
    i = torch.arange(B).view(B, 1)
    j = torch.arange(B).view(1, B)
    return (i == j) | ((31 * i + 17 * j) % 29 == 0)


def mine(a, p, n, excluded):
    """choice[B]: the semi-hard negative per anchor (else the farthest candidate, else its own)."""
    with torch.no_grad():
        d_an = ((a.unsqueeze(1) - n.unsqueeze(0)) ** 2).sum(-1)
        d_ap = ((a - p) ** 2).sum(-1)
        cand = ~excluded
        semi = cand & (d_an > d_ap.unsqueeze(1))
        inf = torch.tensor(float("inf"))
        semi_d = torch.where(semi, d_an, inf)
        far_d = torch.where(cand, d_an, -inf)
        semi_choice = semi_d.argmin(1)
        far_choice = far_d.argmax(1)
        has_semi = semi.any(1)
        has_cand = cand.any(1)
        own = torch.arange(a.shape[0])
        return torch.where(has_semi, semi_choice, torch.where(has_cand, far_choice, own))


def targets(gen):
    counts = torch.randint(1, 8, (B,), generator=gen)
    kmax = int(counts.max())
    idx = torch.zeros(B, kmax, dtype=torch.long)
    wts = torch.zeros(B, kmax)
    dense = torch.zeros(B, LABELS)
    for i in range(B):
        k = int(counts[i])
        idx[i, :k] = torch.randperm(LABELS, generator=gen)[:k]
        wts[i, :k] = 1.0 / k
        dense[i, idx[i, :k]] = 1.0 / k
    return idx, wts, dense


def make_step(stage, variant):
    torch.manual_seed(2026)
    gen = torch.Generator().manual_seed(2027)
    net = models.SmallCNN().train()
    cl = variant.startswith("channels_last")
    rows = 3 * B if stage == "triplet" else B
    x = torch.randn(rows, 1, FRAMES, BANDS, generator=gen)
    if cl:
        net = net.to(memory_format=torch.channels_last)
        x = x.to(memory_format=torch.channels_last)
    if stage == "triplet":
        opt = torch.optim.Adam(net.parameters(), lr=1e-4)
        excluded = excluded_mask()

        def step():
            e = net(x)
            a, p, n = e[:B], e[B:2 * B], e[2 * B:]
            choice = mine(a, p, n, excluded)
            hinge = F.relu(((a - p) ** 2).sum(-1) - ((a - n[choice]) ** 2).sum(-1) + MARGIN)
            loss = hinge.mean()
            loss.backward()
            opt.step()
            opt.zero_grad(set_to_none=True)
            return loss
        return step
    head = torch.nn.Linear(128, LABELS)
    opt = torch.optim.Adam(list(net.parameters()) + list(head.parameters()), lr=1e-4)
    idx, wts, dense = targets(gen)
    gather = variant.endswith("gather")

    def step():
        logits = head(net(x))
        if gather:
            loss = -(F.log_softmax(logits, dim=1).gather(1, idx) * wts).sum() / B
        else:
            loss = F.cross_entropy(logits, dense)
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        return loss
    return step


def variants(stage):
    layouts = ["contiguous", "channels_last"]
    if stage == "triplet":
        return layouts
    return [f"{l}+{form}" for l in layouts for form in ("gather", "cross_entropy")]


def timed_once(step):
    t0 = time.perf_counter()
    step()
    return time.perf_counter() - t0


def timed(step, budget, min_steps):
    """(median, best, count, least process CPU time) of the steps after two warm-up steps."""
    for _ in range(2):
        step()
    times, cpu = [], []
    end = time.perf_counter() + budget
    while time.perf_counter() < end or len(times) < min_steps:
        c0, t0 = time.process_time(), time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    times.sort()
    return times[len(times) // 2], times[0], len(times), min(cpu)


def main():
    stage = sys.argv[1]
    key = f"step/{stage}"
    if stage not in ("triplet", "labels"):
        sys.exit(f"train_step.py: unknown stage '{stage}' (triplet, labels)")
    print(f"peer: torch {torch.__version__}, threads {torch.get_num_threads()}, mkldnn {torch.backends.mkldnn.is_available()}, "
          f"LD_PRELOAD={os.environ.get('LD_PRELOAD', '')}", file=sys.stderr)
    if "--memory" in sys.argv:
        variant = sys.argv[sys.argv.index("--variant") + 1]
        step = make_step(stage, variant)
        for _ in range(3):
            step()
        print(f"peer: {key} {variant}: peak RSS {vm_hwm() / 2**30:.2f} GiB", file=sys.stderr)
        print(f"MEMORY {key} {vm_hwm()}")
        return
    # A trial of every variant (one warm-up step, then the better of two), then the winner timed
    # over the budget: the variants differ by up to 1.5x here, far more than a trial's noise.
    best = None
    fixed = sys.argv[sys.argv.index("--variant") + 1] if "--variant" in sys.argv else None
    for variant in [fixed] if fixed else variants(stage):
        if fixed:
            best = (0.0, fixed)
            break
        step = make_step(stage, variant)
        step()
        trial = min(timed_once(step), timed_once(step))
        print(f"peer: {key} {variant}: trial {trial:.3f} s", file=sys.stderr)
        if best is None or trial < best[0]:
            best = (trial, variant)
        del step
    variant = best[1]
    budget = 10.0 if QUICK else 30.0
    min_steps = 3 if QUICK else 5
    med, fastest, count, cpu = timed(make_step(stage, variant), budget, min_steps)
    print(f"peer: {key}: best variant {variant}: {count} steps, median {med:.3f} s, best {fastest:.3f} s, "
          f"least CPU time {cpu:.3f} s", file=sys.stderr)
    print(f"BEST {key} {variant}")
    print(f"RESULT {key} {med:.6f} 1 steps/s", flush=True)


if __name__ == "__main__":
    main()
