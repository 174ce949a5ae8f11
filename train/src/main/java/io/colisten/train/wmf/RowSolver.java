package io.colisten.train.wmf;

/** Solves single rows of a {@link RowProblem}; one instance per lane, holding its scratch. */
interface RowSolver {
    /** Overwrites row u of {@code p.f()} with its new factor. */
    void solve(RowProblem p, int u);

    static RowSolver of(WmfConfig config, int stride) {
        return switch (config.solver()) {
            case EXACT -> new ExactRowSolver(stride);
            case CG -> new CgRowSolver(stride, config.cgSteps());
        };
    }
}
