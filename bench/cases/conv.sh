# bench/run conv: conv2d forward + backward at the first layers of the paper's three models
# (batch 132 of 1 x 300 x 64), a SmallCNN second layer and a MobileNet depthwise + pointwise pair,
# beside PyTorch CPU with 2 threads. Unit: GFLOP/s (2 x MACs per pass). Sourced by bench/run.
ensure_benchmarks_jar
run_ours conv 'io.colisten.bench.ConvBench'
run_peer conv conv.py
compare conv
