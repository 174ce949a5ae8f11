package io.colisten.train.wmf;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Solves every row of one factor matrix, in parallel: rows are cut into chunks of {@link #CHUNK},
 * which lanes claim from a counter; a row's new factor depends only on the other factor and the
 * graph, and each chunk's loss terms are summed in row order into their own slot, so the result
 * is the same for any number of lanes. Memory: one solver's scratch per lane and one double per
 * chunk.
 */
final class HalfSweep {
    static final int CHUNK = 64;

    private final RowSolver[] solvers;
    /** Per lane: the dot products of a row with its neighbours, for the loss terms. */
    private final float[][] dots, scratch;
    private final double[] chunkTerms;
    private final int chunks;

    HalfSweep(WmfConfig config, int n, int stride) {
        int lanes = config.lanes();
        this.solvers = new RowSolver[lanes];
        this.dots = new float[lanes][256];
        this.scratch = new float[lanes][NeighbourPass.SCRATCH];
        for (int i = 0; i < lanes; i++) solvers[i] = RowSolver.of(config, stride);
        this.chunks = (n + CHUNK - 1) / CHUNK;
        this.chunkTerms = new double[chunks];
    }

    /**
     * Solves all n rows of {@code p.f()}; with {@code edgeTerms}, returns the sum over rows of
     * {@link RowProblem#edgeTerms} of the new factors (else 0).
     */
    double run(RowProblem p, int n, boolean edgeTerms) {
        AtomicInteger next = new AtomicInteger();
        Lanes.run(Math.min(solvers.length, chunks), lane -> {
            RowSolver solver = solvers[lane];
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                int end = Math.min(n, (c + 1) * CHUNK);
                double terms = 0;
                for (int u = c * CHUNK; u < end; u++) {
                    solver.solve(p, u);
                    if (edgeTerms) {
                        int d = p.offsets()[u + 1] - p.offsets()[u];
                        if (dots[lane].length < d) dots[lane] = new float[Math.max(d, 2 * dots[lane].length)];
                        terms += p.edgeTerms(u, dots[lane], scratch[lane]);
                    }
                }
                chunkTerms[c] = terms;
            }
        });
        double sum = 0;
        for (int c = 0; c < chunks; c++) sum += chunkTerms[c];
        return edgeTerms ? sum : 0;
    }
}
