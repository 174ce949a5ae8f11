# bench/run frontend: the audio front end on one core, in seconds of audio per CPU-second
# ("x real time per core"): log-mel frames of 10 s of 16 kHz audio (DESIGN conventions) beside the
# best of NumPy and SciPy FFTs (bench/peer/logmel.py), and resampling 10 s from 44.1 kHz to
# 16 kHz beside scipy.signal.resample_poly (bench/peer/resample.py). Both sides single-threaded.
: > "$BENCH_OUT/frontend-peer.txt"
frontend_parts=()
for frontend_c in LogMelBench ResampleBench; do
  run_ours "frontend-$frontend_c" "io.colisten.bench.$frontend_c"
  frontend_parts+=("$BENCH_OUT/frontend-$frontend_c-ours.json")
done
run_peer frontend-logmel logmel.py >> "$BENCH_OUT/frontend-peer.txt"
run_peer frontend-resample resample.py >> "$BENCH_OUT/frontend-peer.txt"
/usr/bin/python3 -c 'import json, sys; json.dump([r for f in sys.argv[2:] for r in json.load(open(f))], open(sys.argv[1], "w"), indent=1)' \
  "$BENCH_OUT/frontend-ours.json" "${frontend_parts[@]}"
compare frontend
