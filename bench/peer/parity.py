"""PyTorch half of bench/run parity: rebuilds each network (bench/peer/models.py) from the
safetensors state_dict our ParityExport wrote, runs it in eval mode on the same log-mel batch, and
compares with our embeddings.

Usage: parity.py DIR     (DIR/<name>.safetensors, DIR/<name>.io.safetensors for each network)
Prints one line per network and ends with "parity: max abs diff X" (the worst network); exits 1
when X >= 1e-4 or a file does not load.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402
import safetensors_np  # noqa: E402

LIMIT = 1e-4


def main():
    d = sys.argv[1]
    torch.set_num_threads(2)
    print(f"peer: torch {torch.__version__}, threads {torch.get_num_threads()}", file=sys.stderr)
    worst = 0.0
    for name in models.MODELS:
        state, meta = safetensors_np.read(os.path.join(d, name + ".safetensors"))
        io, _ = safetensors_np.read(os.path.join(d, name + ".io.safetensors"))
        net = models.MODELS[name](width=float(meta["width"]), embedding=int(meta["embedding"]))
        safetensors_np.load_state(net, state)  # strict: every state_dict key, same shapes
        net.eval()
        with torch.no_grad():
            y = net(torch.from_numpy(io["logmel"])).numpy()
        ours = io["embeddings"]
        diff = float(np.abs(y - ours).max())
        norms = np.linalg.norm(y, axis=1)
        print(f"parity {name}: {y.shape[0]} windows, {len(state)} state entries, max abs diff {diff:.3g} "
              f"(torch row norms {norms.min():.6f}..{norms.max():.6f})")
        worst = max(worst, diff)
    print(f"parity: max abs diff {worst:.3g}")
    return 0 if worst < LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
