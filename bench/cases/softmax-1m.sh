# bench/run softmax-1m: one training step (forward, backward, Adam) of the label classifier of
# paper eq. 2, batch 132, 128-d, 1 to 7 labels per row: SoftmaxBench (the chunked softmax
# cross-entropy with the classifier's Adam fused into its backward) beside PyTorch CPU, 2 threads,
# on tcmalloc (bench/peer/softmax1m.py: nn.Linear, log_softmax, gather, backward, Adam).
# Cases step1m (1,000,000 labels) and step100k (100,000); unit steps/s. Then the peak resident
# memory (VmHWM) of each side, each case in its own process: ours from SoftmaxMemory, run with the
# JMH fork's JVM flags. The machine is shared and its load drifts, so each case runs ours and then
# the peer back to back. Sourced by bench/run.
softmax_cases=(step1m step100k)
softmax_classes=(1000000 100000)
# Each step takes about a second and the first ones run before C2 has compiled the kernels.
JMH_ITERS="-wi 4 -i 5 -w 3s -r 3s -f 1"
[ "$QUICK" = 1 ] && JMH_ITERS="-wi 3 -i 3 -w 2s -r 2s -f 1"
: > "$BENCH_OUT/softmax-1m-peer.txt"
softmax_parts=()
for softmax_i in "${!softmax_cases[@]}"; do
  softmax_c="${softmax_cases[$softmax_i]}"
  # A run that fails (e.g. another JMH holds /tmp/jmh.lock) must not leave an older result to be joined.
  rm -f "$BENCH_OUT/softmax-1m-$softmax_i-ours.json"
  JMH_ITERS="$JMH_ITERS" run_ours "softmax-1m-$softmax_i" "io.colisten.bench.SoftmaxBench.$softmax_c\$"
  run_peer "softmax-1m-$softmax_i" softmax1m.py "$softmax_c" >> "$BENCH_OUT/softmax-1m-peer.txt"
  softmax_parts+=("$BENCH_OUT/softmax-1m-$softmax_i-ours.json")
done
/usr/bin/python3 -c 'import json, sys; json.dump([r for f in sys.argv[2:] for r in json.load(open(f))], open(sys.argv[1], "w"), indent=1)' \
  "$BENCH_OUT/softmax-1m-ours.json" "${softmax_parts[@]}"
: > "$BENCH_OUT/softmax-1m-memory.txt"
for softmax_i in "${!softmax_cases[@]}"; do
  # The JVM flags of SoftmaxBench's @Fork.
  "$JAVA25" --add-modules jdk.incubator.vector -XX:-TieredCompilation -Xmx3g -Xmn64m -XX:+UseParallelGC \
    -cp "$root/bench/target/benchmarks.jar" io.colisten.bench.SoftmaxMemory \
    "${softmax_cases[$softmax_i]}" "${softmax_classes[$softmax_i]}" 4 2>&1 | grep -v 'WARNING: Using incubator' \
    | tee -a "$BENCH_OUT/softmax-1m-memory.txt" | grep -v '^MEMORY'
done
/usr/bin/python3 - "$BENCH_OUT/softmax-1m-memory.txt" "$BENCH_OUT/softmax-1m-peer.txt" <<'PY'
import sys
def mem(path):
    return {f[1]: int(f[2]) for f in (l.split() for l in open(path)) if len(f) == 3 and f[0] == "MEMORY"}
ours, peer = mem(sys.argv[1]), mem(sys.argv[2])
print("peak resident memory (VmHWM, GiB; each case in its own process):")
for key in ours:
    p = peer.get(key)
    extra = f"  peer {p / 2**30:6.2f}  ours/peer {ours[key] / p:.2f}" if p else ""
    print(f"  {key:10s} ours {ours[key] / 2**30:6.2f}{extra}")
PY
compare softmax-1m
