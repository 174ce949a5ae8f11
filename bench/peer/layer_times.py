"""Per-layer times of PyTorch's best inference form (TorchScript optimize_for_inference: batch norm
folded, oneDNN convolutions on blocked tensors) for one network of bench/peer/models.py, batch 64,
2 threads: the peer side of bench's LayerTimes. The frozen graph's convolutions
(prim::mkldnn_convolution) do not appear as profiler events, but the ReLU, pooling and head ops
around them do; so each gap between consecutive recorded ops of one forward is charged to the
convolution that runs there ("conv before <next op>"). Median over rounds, ms per batch.
Usage: /usr/bin/python3 bench/peer/layer_times.py [MODEL] [ROUNDS]
"""
import os
import statistics
import sys
import time

import torch
from torch.profiler import ProfilerActivity, profile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

torch.set_num_threads(2)


def one_forward(f, x):
    """[(label, ms)] in order for one forward: recorded ops and the gaps (convolutions) between them."""
    with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
        f(x)
    events = [e for e in prof.events() if e.name != "forward" and e.cpu_parent is not None
              and e.cpu_parent.name == "forward"]
    events.sort(key=lambda e: e.time_range.start)
    rows, prev_end = [], None
    for e in events:
        start, end = e.time_range.start, e.time_range.end
        shape = "x".join(str(d) for d in e.input_shapes[0]) if e.input_shapes and e.input_shapes[0] else ""
        if prev_end is not None and start - prev_end > 50:   # microseconds: a convolution ran here
            rows.append((f"conv before {e.name} {shape}", (start - prev_end) / 1e3))
        rows.append((f"{e.name} {shape}", (end - start) / 1e3))
        prev_end = end
    return rows


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "mobilenet"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    torch.manual_seed(0)
    net = models.build(name).eval()
    x = torch.randn(64, 1, 300, 64) * 2 - 2
    with torch.no_grad():
        f = torch.jit.optimize_for_inference(torch.jit.script(net.eval()))
    with torch.inference_mode():
        for _ in range(5):
            f(x)
        walls = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            f(x)
            walls.append((time.perf_counter() - t0) * 1e3)
        per_round = [one_forward(f, x) for _ in range(rounds)]
    print(f"{name} (PyTorch {torch.__version__} optimize_for_inference, 2 threads): ms per batch of 64, "
          f"median of {rounds} profiled forwards")
    total = 0.0
    for i, (label, _) in enumerate(per_round[0]):
        ms = statistics.median(r[i][1] for r in per_round if len(r) == len(per_round[0]))
        total += ms
        print(f"  {label:<60} {ms:8.2f}")
    print(f"  {'sum of rows (profiled)':<60} {total:8.2f}")
    print(f"  {'forward (wall, not profiled)':<60} {statistics.median(walls):8.2f}")


if __name__ == "__main__":
    main()
