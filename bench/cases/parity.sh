# bench/run parity: our three networks against their PyTorch twins (bench/peer/models.py) on the same
# weights. ParityExport writes each network's seeded random state_dict as safetensors (batch norm
# moved off its defaults) with a batch of log-mel windows and our eval-mode embeddings;
# bench/peer/parity.py loads the files into PyTorch, runs eval mode and prints the max abs
# difference of the embeddings; the last line is "parity: max abs diff X" (required below 1e-4).
# 64 windows: the inference paths that only batches of 16 or more take (lane-per-image Winograd and
# strided convs, the fused epilogues) are compared too.
parity_dir="$BENCH_OUT/parity"
rm -rf "$parity_dir"
"$JAVA25" --add-modules jdk.incubator.vector -XX:-TieredCompilation -XX:+UseParallelGC \
  -cp "$root/bench/target/benchmarks.jar" io.colisten.bench.ParityExport "$parity_dir" 64 2>&1 | grep -v 'WARNING: Using incubator'
"$(peer_python)" "$root/bench/peer/parity.py" "$parity_dir"
