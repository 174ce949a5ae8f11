#!/usr/bin/env bash
# Runs a command with the GPU bundle (scripts/gpu-bundle.sh) on the device machine, which has no Java:
#   scripts/gpu-run.sh --tests [CLASS...]   the GPU tests (default list in scripts/gpu/GpuTests.java)
#   scripts/gpu-run.sh --probe              one line: the GPU found, or why none is usable
#   scripts/gpu-run.sh ARGS...              the launcher: ./colisten ARGS... (e.g. train --device cuda ...)
#   scripts/gpu-run.sh --main CLASS ARGS... any main class on the bundle's class path
# Also prints where libcuda / libcublas / libcudnn resolve (to record in DESIGN-NOTES.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
b="${COLISTEN_GPU_BUNDLE:-$root/target/gpu-bundle}"
[ -x "$b/jdk/bin/java" ] || { echo "gpu-run: no bundle at $b (build it with scripts/gpu-bundle.sh and carry target/gpu-bundle)" >&2; exit 1; }
cp_all="$(ls "$b"/lib/*.jar | tr '\n' ':')$b/runner"
java=("$b/jdk/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
      -XX:+UseParallelGC -XX:-TieredCompilation -Xss8m ${COLISTEN_JAVA_OPTS:-} -cp "$cp_all")
libs() {
  for l in libcuda.so.1 libcublas.so.13 libcudnn.so.9; do
    p="$(ldconfig -p 2>/dev/null | awk -v l="$l" '$1 == l {print $NF; exit}')"
    echo "gpu-run: $l -> ${p:-not in the ldconfig cache (LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-})}" >&2
  done
}
case "${1:-}" in
  --tests) shift; libs; exec "${java[@]}" GpuTests "$@" 2> >(grep -v '^WARNING: Using incubator modules' >&2) ;;
  --probe) libs; exec "${java[@]}" io.colisten.kernels.cuda.CudaProbe ;;
  --main) shift; exec "${java[@]}" "$@" ;;
  *) exec "${java[@]}" io.colisten.train.cli.Colisten "$@" ;;
esac
