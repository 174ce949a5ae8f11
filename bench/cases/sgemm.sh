# bench/run sgemm: GFLOP/s of Sgemm (JMH, SgemmBench) beside NumPy/OpenBLAS (bench/peer/sgemm.py),
# same shapes, same run. The gc profiler adds bytes allocated per call.
run_ours sgemm 'io.colisten.bench.SgemmBench' -prof gc
run_peer sgemm sgemm.py
compare sgemm
