# bench/run sgemm: GFLOP/s of Sgemm (JMH, SgemmBench) beside NumPy/OpenBLAS (bench/peer/sgemm.py).
# The machine is shared and its load drifts over minutes, so each shape runs ours and then the peer
# back to back, and the per-shape results are joined for the table. The gc profiler adds B/op.
sgemm_shapes=("512x512x512/NN" "1024x1024x1024/NN" "2048x2048x2048/NN"
              "132x100000x128/NT" "100000x128x132/TN" "132x128x100000/NN"
              "32x8820x35/NN" "128x1400x1600/NN")
: > "$BENCH_OUT/sgemm-peer.txt"
sgemm_parts=()
for sgemm_i in "${!sgemm_shapes[@]}"; do
  sgemm_s="${sgemm_shapes[$sgemm_i]}"
  run_ours "sgemm-$sgemm_i" 'io.colisten.bench.SgemmBench' -p "shape=$sgemm_s" -prof gc
  run_peer "sgemm-$sgemm_i" sgemm.py "$sgemm_s" | grep -v '^peer: numpy' >> "$BENCH_OUT/sgemm-peer.txt"
  sgemm_parts+=("$BENCH_OUT/sgemm-$sgemm_i-ours.json")
done
/usr/bin/python3 -c 'import json, sys; json.dump([r for f in sys.argv[2:] for r in json.load(open(f))], open(sys.argv[1], "w"), indent=1)' \
  "$BENCH_OUT/sgemm-ours.json" "${sgemm_parts[@]}"
compare sgemm
