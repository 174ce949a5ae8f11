# bench/run train-step: SmallCNN training steps per second in both stages (TrainStepSmallCnnBench,
# see SmallCnnTrainStep) beside the same network, batch and optimiser in PyTorch CPU, 2 threads, on
# tcmalloc (bench/peer/train_step.py, at its best of contiguous / channels_last and, for labels, two
# ways of writing the loss). Cases step/triplet (3 x 132 windows in one forward pass, semi-hard
# mining, hinge, backward, Adam) and step/labels (132 windows, 100,000-label chunked softmax with the
# classifier's Adam fused in its backward, network Adam); unit steps/s. Then the peak resident
# memory (VmHWM) of each side, each case in its own process: ours from TrainStepMemory with the JMH
# fork's JVM flags, the peer's best variant. The machine is shared and its load drifts, so each case
# runs ours and then the peer back to back. Sourced by bench/run.
train_cases=(triplet labels)
# A triplet step takes seconds, and the first ones run before C2 has compiled the kernels.
train_iters="-wi 2 -i 3 -w 1s -r 1s -f 1"
[ "$QUICK" = 1 ] && train_iters="-wi 1 -i 2 -w 1s -r 1s -f 1"
: > "$BENCH_OUT/train-step-peer.txt"
train_parts=()
for train_i in "${!train_cases[@]}"; do
  train_c="${train_cases[$train_i]}"
  # A run that fails (e.g. another JMH holds /tmp/jmh.lock) must not leave an older result to be joined.
  rm -f "$BENCH_OUT/train-step-$train_i-ours.json"
  echo "load before step/$train_c: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  JMH_ITERS="$train_iters" run_ours "train-step-$train_i" 'io.colisten.bench.TrainStepSmallCnnBench.step$' -p stage="$train_c"
  run_peer "train-step-$train_i" train_step.py "$train_c" >> "$BENCH_OUT/train-step-peer.txt"
  train_parts+=("$BENCH_OUT/train-step-$train_i-ours.json")
done
/usr/bin/python3 -c 'import json, sys; json.dump([r for f in sys.argv[2:] for r in json.load(open(f))], open(sys.argv[1], "w"), indent=1)' \
  "$BENCH_OUT/train-step-ours.json" "${train_parts[@]}"
: > "$BENCH_OUT/train-step-memory.txt"
: > "$BENCH_OUT/train-step-peer-memory.txt"
for train_c in "${train_cases[@]}"; do
  # The JVM flags of TrainStepSmallCnnBench's @Fork.
  "$JAVA25" --add-modules jdk.incubator.vector -XX:-TieredCompilation -Xmx5g -Xmn64m -XX:+UseParallelGC \
    -cp "$root/bench/target/benchmarks.jar" io.colisten.bench.TrainStepMemory "$train_c" 3 2>&1 | grep -v 'WARNING: Using incubator' \
    | tee -a "$BENCH_OUT/train-step-memory.txt" | grep -v '^MEMORY'
  train_best="$(awk -v k="step/$train_c" '$1 == "BEST" && $2 == k {print $3}' "$BENCH_OUT/train-step-peer.txt")"
  run_peer "train-step-memory" train_step.py "$train_c" --variant "${train_best:-contiguous}" --memory \
    >> "$BENCH_OUT/train-step-peer-memory.txt"
done
/usr/bin/python3 - "$BENCH_OUT/train-step-memory.txt" "$BENCH_OUT/train-step-peer-memory.txt" <<'PY'
import sys
def mem(path):
    return {f[1]: int(f[2]) for f in (l.split() for l in open(path)) if len(f) == 3 and f[0] == "MEMORY"}
ours, peer = mem(sys.argv[1]), mem(sys.argv[2])
print("peak resident memory (VmHWM, GiB; each case in its own process):")
for key in ours:
    p = peer.get(key)
    extra = f"  peer {p / 2**30:6.2f}  ours/peer {ours[key] / p:.2f}" if p else ""
    print(f"  {key:14s} ours {ours[key] / 2**30:6.2f}{extra}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
compare train-step
