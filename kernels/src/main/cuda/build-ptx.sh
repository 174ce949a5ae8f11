#!/usr/bin/env bash
# Compiles the CUDA C kernels of this folder to PTX for compute_90 (H100) into the kernels module's
# resources, one .ptx per .cu. The PTX is committed: the build and CI never need nvcc; the driver
# JIT-compiles the PTX for the GPU it runs on. Run after editing a .cu file:
#   kernels/src/main/cuda/build-ptx.sh        (NVCC=/path/to/nvcc to choose the compiler)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../resources/io/colisten/kernels/cuda/ptx"
nvcc="${NVCC:-nvcc}"
command -v "$nvcc" >/dev/null || { echo "build-ptx.sh: nvcc not found (set NVCC)" >&2; exit 1; }
mkdir -p "$out"
for cu in "$here"/*.cu; do
  name="$(basename "$cu" .cu)"
  # -ftz=false -prec-div=true -prec-sqrt=true: IEEE float semantics, so results track the CPU kernels.
  "$nvcc" -ptx -arch=compute_90 -O3 -ftz=false -prec-div=true -prec-sqrt=true -fmad=true \
    -I "$here" -o "$out/$name.ptx" "$cu"
  echo "build-ptx.sh: $name.ptx ($(grep -c '^.visible .entry' "$out/$name.ptx") kernels)"
done
