#!/usr/bin/env bash
# GPU training-step benchmark, run ON THE DEVICE MACHINE (no Java there: it uses the GPU bundle).
# NOT YET RUN (no GPU was lent to the session that wrote it): see notes/cuda.md for the checklist.
#
# Here:   scripts/gpu-bundle.sh
# Device: carry ["target/gpu-bundle"], command "bench/gpu/train-step.sh [--quick]"
#
# For SmallCNN and ResNet-18: one triplet step (3 x 132 windows of 1 x 300 x 64, semi-hard mining,
# hinge, backward, Adam) on our CUDA backend (io.colisten.bench.GpuTrainStep), exact fp32 and with
# TF32 allowed, beside PyTorch eager on the same GPU at its best (bench/peer/gpu_train_step.py:
# cudnn.benchmark, contiguous / channels_last x fp32 / TF32). Unit steps/s; R > 1 means we are faster.
# Ours is compared at its best of the two modes, as the peer is. Ends with the bench line
#   gpu-train-step: ours X steps/s, peer Y steps/s, ratio R   (the worst model's)
# Copy the output, the device line and the date into bench/RESULTS.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
warm=5 steps=20
[ "${1:-}" = "--quick" ] && warm=2 steps=5
py="${PYTHON:-python3}"
"$root/scripts/gpu-run.sh" --probe || { echo "gpu-train-step: no usable GPU here" >&2; exit 1; }
: > "$out/gpu-train-step.txt"
for model in smallcnn resnet18; do
  for tf32 in false true; do
    COLISTEN_JAVA_OPTS="-Dcolisten.cuda.tf32=$tf32 -Xmx16g" "$root/scripts/gpu-run.sh" --main io.colisten.bench.GpuTrainStep \
      "$model" "$warm" "$steps" | sed "s/^RESULT /OURS tf32=$tf32 /" | tee -a "$out/gpu-train-step.txt"
  done
  "$py" "$root/bench/peer/gpu_train_step.py" "$model" "$warm" "$steps" | sed 's/^RESULT /PEER /' | tee -a "$out/gpu-train-step.txt"
done
"$py" - "$out/gpu-train-step.txt" <<'PY'
import sys
ours, peer = {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if f and f[0] == "OURS":
        key, sec = f[2], float(f[3])
        ours[key] = min(ours.get(key, float("inf")), sec)
    elif f and f[0] == "PEER":
        peer[f[1]] = float(f[2])
worst = None
print(f"{'case':28s} {'ours steps/s':>13s} {'peer steps/s':>13s} {'ratio':>7s}")
for key, sec in ours.items():
    p = peer.get(key)
    r = p / sec if p else float("nan")
    print(f"{key:28s} {1 / sec:13.2f} {1 / p if p else float('nan'):13.2f} {r:7.2f}")
    if p and (worst is None or r < worst[3]):
        worst = (key, 1 / sec, 1 / p, r)
if worst:
    print(f"gpu-train-step: ours {worst[1]:.2f} steps/s, peer {worst[2]:.2f} steps/s, ratio {worst[3]:.2f}")
PY
