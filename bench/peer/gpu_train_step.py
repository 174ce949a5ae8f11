"""PyTorch eager CUDA peer of GpuTrainStep: one triplet training step of SmallCNN or ResNet-18
(bench/peer/models.py) on the GPU, the same step as bench/peer/train_step.py's triplet stage
(3 x 132 windows of 1 x 300 x 64 in one forward pass, semi-hard mining with the same exclusion rule,
mean hinge, backward, Adam lr 1e-4, zero_grad(set_to_none=True)).

At its best: torch.backends.cudnn.benchmark on, and each of {contiguous, channels_last} x
{fp32, TF32 allowed} tried (warm-up, then timed); the fastest variant's median over STEPS steps
(torch.cuda.synchronize() around each) is the result. stderr lists every variant's time and the device.
Prints: BEST step/triplet/<model> <variant>, RESULT step/triplet/<model> <seconds_per_step> 1 steps/s.
Usage: gpu_train_step.py MODEL [WARMUP [STEPS]]
"""
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

B, FRAMES, BANDS, MARGIN = 132, 300, 64, 0.1


def excluded_mask(device):
    i = torch.arange(B, device=device).view(B, 1)
    j = torch.arange(B, device=device).view(1, B)
    return (i == j) | ((31 * i + 17 * j) % 29 == 0)


def mine(a, p, n, excluded):
    with torch.no_grad():
        d_an = ((a.unsqueeze(1) - n.unsqueeze(0)) ** 2).sum(-1)
        d_ap = ((a - p) ** 2).sum(-1)
        cand = ~excluded
        semi = cand & (d_an > d_ap.unsqueeze(1))
        inf = torch.tensor(float("inf"), device=a.device)
        semi_choice = torch.where(semi, d_an, inf).argmin(1)
        far_choice = torch.where(cand, d_an, -inf).argmax(1)
        own = torch.arange(a.shape[0], device=a.device)
        return torch.where(semi.any(1), semi_choice, torch.where(cand.any(1), far_choice, own))


def make_step(name, channels_last, tf32):
    torch.backends.cuda.matmul.allow_tf32 = tf32
    torch.backends.cudnn.allow_tf32 = tf32
    torch.manual_seed(2026)
    dev = torch.device("cuda")
    net = models.build(name).train().to(dev)
    x = torch.randn(3 * B, 1, FRAMES, BANDS, device=dev)
    if channels_last:
        net = net.to(memory_format=torch.channels_last)
        x = x.to(memory_format=torch.channels_last)
    opt = torch.optim.Adam(net.parameters(), lr=1e-4)
    excluded = excluded_mask(dev)

    def step():
        e = net(x)
        a, p, n = e[:B], e[B:2 * B], e[2 * B:]
        choice = mine(a, p, n, excluded)
        hinge = F.relu(((a - p) ** 2).sum(-1) - ((a - n[choice]) ** 2).sum(-1) + MARGIN)
        loss = hinge.mean()
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        return loss.item()  # as ours: the loss read back ends the step
    return step


def median_time(step, warmup, steps):
    for _ in range(warmup):
        step()
    torch.cuda.synchronize()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        torch.cuda.synchronize()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "smallcnn"
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    torch.backends.cudnn.benchmark = True
    print(f"peer: torch {torch.__version__}, cuDNN {torch.backends.cudnn.version()}, {torch.cuda.get_device_name(0)}",
          file=sys.stderr)
    best = None
    for cl in (False, True):
        for tf32 in (False, True):
            variant = ("channels_last" if cl else "contiguous") + ("+tf32" if tf32 else "+fp32")
            t = median_time(make_step(name, cl, tf32), warmup, steps)
            print(f"peer: {variant}: {t * 1e3:.2f} ms/step", file=sys.stderr)
            if best is None or t < best[1]:
                best = (variant, t)
    print(f"BEST step/triplet/{name} {best[0]}")
    print(f"RESULT step/triplet/{name} {best[1]:.6e} 1 steps/s")


if __name__ == "__main__":
    main()
