# Shared by bench/cases/*.sh. Conventions:
#  - ours: a JMH benchmark in AverageTime mode; a case's key is the method name followed by the
#    values of its @Param fields in declaration order, joined with '/': e.g. "nn/1024x1024x1024".
#  - peer: a python3 script printing one line per case:  RESULT <key> <seconds_per_op> <work_per_op> <rate_unit>
#    (rate = work / seconds, e.g. work in GFLOP and unit GFLOP/s). Ours is reported in the same unit.
BENCH_OUT="$root/bench/out"
mkdir -p "$BENCH_OUT"

ensure_benchmarks_jar() {
  local jar="$root/bench/target/benchmarks.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$root"/{kernels,engine,nn,train,bench} -path '*/src/main/*' -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "bench: building benchmarks.jar..." >&2
    (cd "$root" && mvn -B -q -DskipTests package) >&2
  fi
}

# Debian's python3 with numpy and torch (installed here when missing; never needed by tests).
peer_python() {
  if ! /usr/bin/python3 -c 'import numpy, scipy, torch' 2>/dev/null || ! ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 >/dev/null 2>&1; then
    echo "bench: installing Debian's python3-numpy, python3-torch and libtcmalloc-minimal4 for the peer..." >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy python3-scipy python3-torch libopenblas0-pthread libtcmalloc-minimal4 >&2
  fi
  echo /usr/bin/python3
}

# run_ours NAME JMH_REGEX [extra JMH args...]  -> bench/out/NAME-ours.json
run_ours() {
  local n="$1" regex="$2"; shift 2
  local iters=(-wi 3 -i 5 -w 2s -r 2s -f 1)
  [ "$QUICK" = 1 ] && iters=(-wi 1 -i 3 -w 1s -r 1s -f 1)
  # A case may ask for its own iterations (e.g. a long warm-up so that C2 has compiled everything).
  [ -n "${JMH_ITERS:-}" ] && read -r -a iters <<< "$JMH_ITERS"
  "$JAVA25" --add-modules jdk.incubator.vector -jar "$root/bench/target/benchmarks.jar" "$regex" \
    "${iters[@]}" -jvmArgsAppend "--add-modules jdk.incubator.vector -XX:-TieredCompilation" \
    -rf json -rff "$BENCH_OUT/$n-ours.json" "$@" 2>&1 | grep -v 'WARNING: Using incubator' | grep -E '^(Benchmark|[A-Z][A-Za-z]*Bench\.|# Run complete)' || true
}

# run_peer NAME SCRIPT [args...] -> bench/out/NAME-peer.txt. Peers run at their best: OpenBLAS free
# to pick its own kernel (the machine's OPENBLAS_* pins unset here only) and PyTorch on tcmalloc.
run_peer() {
  local n="$1" script="$2"; shift 2
  local py; py="$(peer_python)"
  local tc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
  local pre=""; [ -f "$tc" ] && pre="$tc"
  [ -n "$pre" ] && echo "peer: preloading $pre (PyTorch is 2-4x slower on glibc malloc here)" >&2
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_PRELOAD="$pre" QUICK="$QUICK" \
    "$py" "$root/bench/peer/$script" "$@" | tee "$BENCH_OUT/$n-peer.txt"
}

# compare NAME -> table and final line
compare() {
  /usr/bin/python3 "$root/bench/lib/compare.py" "$1" "$BENCH_OUT/$1-ours.json" "$BENCH_OUT/$1-peer.txt"
}
