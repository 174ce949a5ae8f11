# bench/run infer: inference throughput in windows per second, a batch of 64 log-mel windows
# (1 x 300 x 64) through each network in eval mode (ours: NoGrad + StepScope, InferBench) beside
# PyTorch CPU with 2 threads on the same architecture (bench/peer/infer.py, the fastest of eager,
# channels_last and TorchScript optimize_for_inference). The machine is shared and its load drifts,
# so each network runs ours and then the peer back to back. Targets: >= 1.2x for smallcnn and
# mobilenet, >= 1.0x for resnet18.
: > "$BENCH_OUT/infer-peer.txt"
infer_parts=()
for infer_m in smallcnn mobilenet resnet18; do
  run_ours "infer-$infer_m" "io.colisten.bench.InferBench.infer\$" -p model="$infer_m"
  run_peer "infer-$infer_m" infer.py "$infer_m" >> "$BENCH_OUT/infer-peer.txt"
  infer_parts+=("$BENCH_OUT/infer-$infer_m-ours.json")
done
/usr/bin/python3 -c 'import json, sys; json.dump([r for f in sys.argv[2:] for r in json.load(open(f))], open(sys.argv[1], "w"), indent=1)' \
  "$BENCH_OUT/infer-ours.json" "${infer_parts[@]}"
compare infer
