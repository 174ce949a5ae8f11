# bench/run conv: conv2d forward + backward at the first layers of the paper's three models
# (batch 132 of 1 x 300 x 64), a SmallCNN second layer and a MobileNet depthwise + pointwise pair,
# beside PyTorch CPU with 2 threads (bench/peer/conv.py). Unit: GFLOP/s (2 x MACs per pass).
# The machine is shared and its load drifts over minutes, so each case runs ours and then the peer
# back to back, and the per-case results are joined for the table.
conv_cases=(smallcnnConv1 resnetStem mobilenetConv1 smallcnnConv2 mobilenetDwPw)
: > "$BENCH_OUT/conv-peer.txt"
conv_parts=()
for conv_i in "${!conv_cases[@]}"; do
  conv_c="${conv_cases[$conv_i]}"
  run_ours "conv-$conv_i" "io.colisten.bench.ConvBench.$conv_c\$"
  run_peer "conv-$conv_i" conv.py "$conv_c" >> "$BENCH_OUT/conv-peer.txt"
  conv_parts+=("$BENCH_OUT/conv-$conv_i-ours.json")
done
/usr/bin/python3 -c 'import json, sys; json.dump([r for f in sys.argv[2:] for r in json.load(open(f))], open(sys.argv[1], "w"), indent=1)' \
  "$BENCH_OUT/conv-ours.json" "${conv_parts[@]}"
compare conv
