package io.colisten.bench;

import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.wmf.ImplicitAls;
import io.colisten.train.wmf.SweepStats;
import io.colisten.train.wmf.SyntheticGraph;
import io.colisten.train.wmf.WmfConfig;
import io.colisten.train.wmf.WmfSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One sweep of implicit-feedback ALS (all row factors, then all column factors, then the loss) on
 * a {@link SyntheticGraph} of {@code graph} = RECORDINGSxDEGREE (every recording has exactly DEGREE
 * neighbours scattered over the id range), rank {@code rank}, alpha 40, lambda 0.1,
 * CG with 3 steps or exact, on the shared pool (all cores). Sweeps continue from the previous
 * one, as in training; a sweep costs the same whatever the factors hold. Key
 * sweep/RECORDINGSxDEGREE/RANK/SOLVER; peer: bench/peer/wmf.py (same graph, same initial factors,
 * same loss: its --check mode prints the losses of the first two sweeps to compare with
 * WmfScaleCheck's).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx3g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class WmfBench {
    /** RECORDINGSxDEGREE (one parameter, so that JMH's alphabetical order of parameters gives the key's). */
    @Param({"100000x250"})
    public String graph;

    @Param({"64"})
    public int rank;

    @Param({"cg", "exact"})
    public String solver;

    private ImplicitAls als;

    @Setup(Level.Trial)
    public void setUp() {
        String[] size = graph.split("x");
        ColistenGraph g = SyntheticGraph.permutedCirculant(Integer.parseInt(size[0]), Integer.parseInt(size[1]), 1);
        WmfConfig cfg = WmfConfig.defaults().withRank(rank).withSolver(WmfSolver.parse(solver));
        als = new ImplicitAls(g, cfg);
    }

    @Benchmark
    public SweepStats sweep() {
        return als.sweep();
    }
}
