# bench/run wmf: one sweep of implicit-feedback ALS (weighted matrix factorisation of the co-listen
# graph, issue 10) on a synthetic graph of 100,000 recordings x 250 neighbours (--quick: 20,000),
# rank 64, CG (3 steps) and exact solves: WmfBench beside a vectorised NumPy implementation of the
# same sweep on the same graph from the same initial factors (bench/peer/wmf.py, the faster of 1
# and 2 threads). Unit: sweeps/s. The machine is shared and its load drifts, so each case runs
# ours and then the peer back to back. Sourced by bench/run.
wmf_n=100000
[ "$QUICK" = 1 ] && wmf_n=20000
wmf_cases=(cg exact)
# A sweep takes seconds; the first runs before C2 has compiled the row kernels.
JMH_ITERS="-wi 2 -i 4 -w 1s -r 1s -f 1"
[ "$QUICK" = 1 ] && JMH_ITERS="-wi 2 -i 3 -w 1s -r 1s -f 1"
: > "$BENCH_OUT/wmf-peer.txt"
wmf_parts=()
for wmf_i in "${!wmf_cases[@]}"; do
  wmf_s="${wmf_cases[$wmf_i]}"
  rm -f "$BENCH_OUT/wmf-$wmf_i-ours.json"
  JMH_ITERS="$JMH_ITERS" run_ours "wmf-$wmf_i" 'io.colisten.bench.WmfBench.sweep$' \
    -p graph="${wmf_n}x250" -p rank=64 -p solver="$wmf_s"
  run_peer "wmf-$wmf_i" wmf.py "${wmf_n}x250/64/$wmf_s" >> "$BENCH_OUT/wmf-peer.txt"
  wmf_parts+=("$BENCH_OUT/wmf-$wmf_i-ours.json")
done
/usr/bin/python3 -c 'import json, sys; json.dump([r for f in sys.argv[2:] for r in json.load(open(f))], open(sys.argv[1], "w"), indent=1)' \
  "$BENCH_OUT/wmf-ours.json" "${wmf_parts[@]}"
compare wmf
