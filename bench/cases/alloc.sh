# bench/run alloc: bytes allocated on the Java heap per training-style step (TrainStepBench: a small
# conv net's forward, backward and Adam on 16 windows of 1 x 300 x 64), from JMH's gc profiler
# (gc.alloc.rate.norm, all threads). No peer: the table shows ours and the bytes per step.
# Sourced by bench/run.
ensure_benchmarks_jar
# Steady state is the point: warm up long enough (about 60 s) for C2 to compile every kernel.
JMH_ITERS="-wi 20 -i 5 -w 3s -r 3s -f 1" run_ours alloc 'io.colisten.bench.TrainStepBench' -prof gc
compare alloc
