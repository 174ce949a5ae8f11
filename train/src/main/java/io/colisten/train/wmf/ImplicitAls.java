package io.colisten.train.wmf;

import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Weighted matrix factorisation of the co-listen graph by implicit-feedback alternating least
 * squares (Hu, Koren and Volinsky 2008): the n x n matrix with preference 1 and confidence
 * 1 + alpha * count on every edge (both directions), preference 0 and confidence 1 everywhere else,
 * is approximated by X Y^T, minimising
 * <pre>  L = sum_{u,i} c_ui (p_ui - x_u . y_i)^2 + lambda (|X|^2 + |Y|^2).</pre>
 * A sweep solves every x_u given Y, then every y_i given X ({@link HalfSweep}), each row by CG or
 * Cholesky ({@link RowSolver}). The loss after each sweep costs no pass of its own: the all-pairs
 * term sum (x_u . y_i)^2 is &lt;X^T X, Y^T Y&gt;, Grams the next half-sweeps need anyway, and the
 * edge corrections are summed while the column factors are solved, whose neighbour rows are then
 * in cache. Memory beyond the graph: the two n x stride factor matrices and O(stride^2) per lane.
 */
public final class ImplicitAls {
    private final ColistenGraph graph;
    private final WmfConfig config;
    private final WmfFactors factors;
    private final FactorGram gramX, gramY;
    private final HalfSweep half;
    private final float[] ridge;
    private int sweeps;

    /** Starts from {@link WmfFactors#random} with the config's seed. */
    public ImplicitAls(ColistenGraph graph, WmfConfig config) {
        this(graph, config, WmfFactors.random(checked(graph), config.rank(), config.seed(), WmfConfig.INIT_SCALE));
    }

    /** Continues from {@code factors} (updated in place). */
    ImplicitAls(ColistenGraph graph, WmfConfig config, WmfFactors factors) {
        int n = checked(graph);
        if (factors.n != n || factors.rank != config.rank()) {
            throw new IllegalArgumentException("wmf: factors are " + factors.n + " x " + factors.rank + ", graph and config need "
                    + n + " x " + config.rank());
        }
        this.graph = graph;
        this.config = config;
        this.factors = factors;
        int stride = factors.stride;
        this.gramX = new FactorGram(n, stride);
        this.gramY = new FactorGram(n, stride);
        this.half = new HalfSweep(config, n, stride);
        this.ridge = new float[stride * stride];
        gramY.compute(factors.y, config.lanes());
    }

    /** The graph's size after checking that it can be factorised. */
    private static int checked(ColistenGraph g) {
        int n = g.tracks();
        if (n == 0) throw new IllegalArgumentException("wmf: the co-listen graph has no recordings");
        if (g.neighbours().length == 0) {
            throw new IllegalArgumentException("wmf: the co-listen graph has no edges (" + n + " recordings): nothing to factorise");
        }
        if (g.offsets().length != n + 1 || g.offsets()[0] != 0 || g.offsets()[n] != g.neighbours().length
                || g.counts().length != g.neighbours().length) {
            throw new IllegalArgumentException("wmf: the co-listen graph's CSR arrays do not fit together");
        }
        for (int u = 0; u < n; u++) {
            if (g.offsets()[u + 1] < g.offsets()[u]) throw new IllegalArgumentException("wmf: graph offsets decrease at recording " + u);
        }
        return n;
    }

    /** Runs the config's sweeps; {@code listener} hears each one (may be null). */
    public static WmfResult train(ColistenGraph graph, WmfConfig config, Progress progress, SweepListener listener) {
        ImplicitAls als = new ImplicitAls(graph, config);
        List<SweepStats> stats = new ArrayList<>();
        progress.begin("wmf", config.sweeps(), 0);
        for (int s = 0; s < config.sweeps(); s++) {
            SweepStats st = als.sweep();
            stats.add(st);
            if (listener != null) listener.sweep(st);
            progress.advance(1, String.format(Locale.ROOT, "loss %.6g", st.loss()));
        }
        progress.close();
        return new WmfResult(graph.ids(), als.factors, config, List.copyOf(stats));
    }

    /** One sweep: all row factors, then all column factors, then the loss. */
    public SweepStats sweep() {
        long t0 = System.nanoTime();
        int n = factors.n, stride = factors.stride, lanes = config.lanes();
        gramY.withRidge(ridge, factors.rank, config.lambda());
        half.run(problem(factors.x, factors.y), n, false);
        gramX.compute(factors.x, lanes);
        gramX.withRidge(ridge, factors.rank, config.lambda());
        double edges = half.run(problem(factors.y, factors.x), n, true);
        gramY.compute(factors.y, lanes);
        double data = edges + gramX.frobeniusDot(gramY);
        double reg = config.lambda() * (gramX.trace() + gramY.trace());
        sweeps++;
        return new SweepStats(sweeps, data + reg, data, reg, (System.nanoTime() - t0) / 1e9);
    }

    private RowProblem problem(float[] solve, float[] other) {
        return new RowProblem(graph.offsets(), graph.neighbours(), graph.counts(), solve, other, ridge, config.alpha(),
                factors.stride);
    }

    public WmfFactors factors() {
        return factors;
    }

    /** Hears each sweep's figures as it ends. */
    @FunctionalInterface
    public interface SweepListener {
        void sweep(SweepStats stats);
    }
}
