# bench/run inferconv: the convolutions of bench/run infer one at a time (batch 64, forward only):
# SmallCNN's 7x5 layers 2-4 and ResNet-18's 3x3 stride-1 layer of each stage, ours through the
# training forward (direct) and the inference forward (Winograd transforms), beside PyTorch's
# F.conv2d under inference_mode with 2 threads (bench/peer/infer_conv.py). Unit: GFLOP/s counted
# as 2 x the direct MACs for every method. Each layer runs ours and then the peer back to back.
: > "$BENCH_OUT/inferconv-peer.txt"
ic_parts=()
for ic_l in smallcnn2 smallcnn3 smallcnn4 resnet1 resnet2 resnet3 resnet4; do
  run_ours "inferconv-$ic_l" "io.colisten.bench.InferConvBench" -p layer="$ic_l"
  run_peer "inferconv-$ic_l" infer_conv.py "$ic_l" >> "$BENCH_OUT/inferconv-peer.txt"
  ic_parts+=("$BENCH_OUT/inferconv-$ic_l-ours.json")
done
/usr/bin/python3 -c 'import json, sys; json.dump([r for f in sys.argv[2:] for r in json.load(open(f))], open(sys.argv[1], "w"), indent=1)' \
  "$BENCH_OUT/inferconv-ours.json" "${ic_parts[@]}"
compare inferconv
