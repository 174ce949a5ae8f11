#!/usr/bin/python3
"""Loads Colisten checkpoints into PyTorch, as a user would: the metadata says which network
(bench/peer/models.py builds the same modules), the state_dict goes in with
load_state_dict(strict=True) after the two classifier tensors are set aside, and a forward pass
on random log-mel windows of the configured size gives unit rows of the embedding size.

Usage: /usr/bin/python3 nn/src/test/python/check_checkpoint.py CHECKPOINT_OR_RUN...
(a run folder stands for its latest checkpoints/step-N.safetensors)
"""
import glob
import json
import os
import re
import sys

import numpy as np
import torch

PEER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "bench", "peer")
sys.path.insert(0, PEER)
import models  # noqa: E402
import safetensors_np  # noqa: E402


def resolve(path):
    if not os.path.isdir(path):
        return path
    steps = [(int(m.group(1)), p) for p in glob.glob(os.path.join(path, "checkpoints", "step-*.safetensors"))
             if (m := re.fullmatch(r"step-(\d+)\.safetensors", os.path.basename(p)))]
    if not steps:
        raise SystemExit(f"{path}: no checkpoints/step-N.safetensors")
    return max(steps)[1]


def check(path):
    state, meta = safetensors_np.read(path)
    assert meta.get("format") == "colisten-checkpoint", meta.get("format")
    config = json.loads(meta["config"])
    assert config["name"] == meta["model"]
    labels = int(meta["labels"])
    head = {k: state.pop(k) for k in ("classifier.weight", "classifier.bias") if k in state}
    if labels:
        assert head["classifier.weight"].shape == (labels, config["embedding_size"]), head["classifier.weight"].shape
        assert head["classifier.bias"].shape == (labels,)
    net = models.MODELS[config["name"]](width=config["width"], embedding=config["embedding_size"])
    assert set(net.state_dict().keys()) == set(state.keys()), set(net.state_dict()) ^ set(state)
    safetensors_np.load_state(net, state)
    net.eval()
    x = torch.randn(2, 1, config["frames"], config["bands"]) * 2 - 3
    with torch.no_grad():
        y = net(x).numpy()
    norms = np.linalg.norm(y, axis=1)
    assert y.shape == (2, config["embedding_size"]) and np.allclose(norms, 1, atol=1e-5), (y.shape, norms)
    vocab = meta.get("vocabulary", "")
    if vocab:
        with open(os.path.join(os.path.dirname(path), vocab), encoding="utf-8") as f:
            terms = sum(1 for line in f) - 1
        assert terms == int(meta["vocabulary_size"]), (terms, meta["vocabulary_size"])
    return (f"{path}: {config['name']} (width {config['width']}), step {meta['step']}, stage {meta['stage']}: "
            f"load_state_dict(strict=True) ok, {len(state)} tensors, classifier {labels} labels, "
            f"vocabulary '{vocab}', forward {y.shape} unit rows")


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    failed = 0
    for arg in sys.argv[1:]:
        try:
            print(check(resolve(arg)))
        except (AssertionError, KeyError, ValueError) as e:
            failed += 1
            print(f"{arg}: FAILED {e!r}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
