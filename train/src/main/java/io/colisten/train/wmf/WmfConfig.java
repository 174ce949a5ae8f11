package io.colisten.train.wmf;

import io.colisten.kernels.cpu.Parallel;

/**
 * Settings of implicit-feedback ALS on the co-listen graph (see {@link ImplicitAls}).
 *
 * @param rank    factor dimension
 * @param alpha   confidence slope: an edge with co-listen count k weighs 1 + alpha * k, a non-edge 1
 * @param lambda  L2 regularisation of both factor matrices
 * @param sweeps  ALS sweeps (each solves all row factors, then all column factors)
 * @param seed    initial factors (uniform in [-initScale, initScale], from a hash of seed and index)
 * @param solver  row solves: conjugate gradient (default) or exact Cholesky
 * @param cgSteps CG steps per row and half-sweep
 * @param threads concurrent workers, at most {@link Parallel#threads()}; results do not depend on it
 */
public record WmfConfig(int rank, float alpha, float lambda, int sweeps, long seed, WmfSolver solver, int cgSteps,
                        int threads) {
    public static final int DEFAULT_RANK = 64;
    /** Hu, Koren and Volinsky's suggestion for their confidence slope. */
    public static final float DEFAULT_ALPHA = 40f;
    public static final float DEFAULT_LAMBDA = 0.1f;
    public static final int DEFAULT_SWEEPS = 15;
    /** The number of CG steps Takacs et al. (2011) found enough with warm starts. */
    public static final int DEFAULT_CG_STEPS = 3;
    /** Initial factor entries are uniform in [-INIT_SCALE, INIT_SCALE]. */
    public static final float INIT_SCALE = 0.01f;

    public WmfConfig {
        if (rank < 1) throw new IllegalArgumentException("wmf: rank must be at least 1, got " + rank);
        if (!(alpha >= 0) || Float.isInfinite(alpha)) throw new IllegalArgumentException("wmf: alpha must be a finite number >= 0, got " + alpha);
        if (!(lambda >= 0) || Float.isInfinite(lambda)) throw new IllegalArgumentException("wmf: lambda must be a finite number >= 0, got " + lambda);
        if (sweeps < 0) throw new IllegalArgumentException("wmf: sweeps must be >= 0, got " + sweeps);
        if (solver == null) throw new IllegalArgumentException("wmf: no solver");
        if (cgSteps < 1) throw new IllegalArgumentException("wmf: CG steps must be at least 1, got " + cgSteps);
        if (threads < 1) throw new IllegalArgumentException("wmf: threads must be at least 1, got " + threads);
    }

    public static WmfConfig defaults() {
        return new WmfConfig(DEFAULT_RANK, DEFAULT_ALPHA, DEFAULT_LAMBDA, DEFAULT_SWEEPS, 1, WmfSolver.CG,
                DEFAULT_CG_STEPS, Parallel.threads());
    }

    public WmfConfig withRank(int r) {
        return new WmfConfig(r, alpha, lambda, sweeps, seed, solver, cgSteps, threads);
    }

    public WmfConfig withAlpha(float a) {
        return new WmfConfig(rank, a, lambda, sweeps, seed, solver, cgSteps, threads);
    }

    public WmfConfig withLambda(float l) {
        return new WmfConfig(rank, alpha, l, sweeps, seed, solver, cgSteps, threads);
    }

    public WmfConfig withSweeps(int s) {
        return new WmfConfig(rank, alpha, lambda, s, seed, solver, cgSteps, threads);
    }

    public WmfConfig withSeed(long s) {
        return new WmfConfig(rank, alpha, lambda, sweeps, s, solver, cgSteps, threads);
    }

    public WmfConfig withSolver(WmfSolver s) {
        return new WmfConfig(rank, alpha, lambda, sweeps, seed, s, cgSteps, threads);
    }

    public WmfConfig withCgSteps(int s) {
        return new WmfConfig(rank, alpha, lambda, sweeps, seed, solver, s, threads);
    }

    public WmfConfig withThreads(int t) {
        return new WmfConfig(rank, alpha, lambda, sweeps, seed, solver, cgSteps, t);
    }

    /** Workers actually used: the setting, capped by the shared pool. */
    int lanes() {
        return Math.min(threads, Parallel.threads());
    }
}
