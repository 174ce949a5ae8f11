# bench/run stream: triplet batches per second (B = 132: 3 x 132 windows of 300 x 64 float16 frames
# read as float32) from the demo world's feature store on disk, beside a NumPy peer drawing the
# same windows from the same memory-mapped frames.f16 (bench/peer/stream.py). Ours runs with 1 and
# 2 background threads; the peer's best one-thread variant and best of all are set beside them.
# The store is made once into bench/out/stream-world/ (world --size demo, then ingest: minutes) and
# reused by later runs; an interrupted build resumes.
stream_world="$BENCH_OUT/stream-world"
if [ ! -f "$stream_world/.ready" ]; then
  echo "bench stream: making the demo world and its feature store in $stream_world (minutes, once)..." >&2
  stream_java=("$JAVA25" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC
               -XX:-TieredCompilation -jar "$root/train/target/colisten.jar")
  "${stream_java[@]}" world --size demo --seed 1 --out "$stream_world" 2>&1 | grep -v 'WARNING: Using incubator' | tail -3 >&2
  "${stream_java[@]}" ingest "$stream_world" --quiet 2>&1 | grep -v 'WARNING: Using incubator' | tail -2 >&2
  touch "$stream_world/.ready"
fi
export COLISTEN_STREAM_CORPUS="$stream_world"
run_ours stream 'io.colisten.bench.StreamBench' -p batch=132 -p threads=1,2 -prof gc
run_peer stream stream.py "$stream_world/features" 132
compare stream
