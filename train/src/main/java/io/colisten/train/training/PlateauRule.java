package io.colisten.train.training;

/**
 * When the hybrid curriculum leaves the triplet stage (paper 3.2: triplet loss first, then the
 * labels). Every {@code window} steps of the stage, the smoothed loss is compared with its value at
 * the previous window boundary; when it fell by less than {@code improvement} (relative), the loss
 * has levelled off. The stage also ends at its step cap, and never before {@code minSteps}.
 * <p>The relative test makes one setting work for losses of any scale; the window makes it blind to
 * step-to-step noise, which {@link SmoothedLoss} has already damped.
 */
public final class PlateauRule {
    public enum Verdict { CONTINUE, PLATEAU, CAP }

    private final int window;
    private final double improvement;
    private final long minSteps, cap;
    private double previous = Double.NaN; // smoothed loss at the last window boundary
    private double lastImprovement = Double.NaN;

    public PlateauRule(int window, double improvement, long minSteps, long cap) {
        if (window < 1 || !(improvement >= 0) || minSteps < 0 || cap < 1) {
            throw new IllegalArgumentException("plateau rule: need window >= 1, improvement >= 0, minSteps >= 0, cap >= 1");
        }
        this.window = window;
        this.improvement = improvement;
        this.minSteps = minSteps;
        this.cap = cap;
    }

    /** The verdict after {@code stageSteps} steps of the stage, with the smoothed loss then. */
    public Verdict after(long stageSteps, double smoothed) {
        if (stageSteps >= cap) return Verdict.CAP;
        if (stageSteps % window != 0) return Verdict.CONTINUE;
        double before = previous;
        previous = smoothed;
        if (Double.isNaN(before)) return Verdict.CONTINUE;
        lastImprovement = before > 0 ? (before - smoothed) / before : 0;
        if (stageSteps < minSteps) return Verdict.CONTINUE;
        return lastImprovement < improvement ? Verdict.PLATEAU : Verdict.CONTINUE;
    }

    /** The relative improvement over the last whole window (NaN before two boundaries). */
    public double lastImprovement() {
        return lastImprovement;
    }

    /** The smoothed loss at the last window boundary (NaN before the first), for checkpoints. */
    public double previous() {
        return previous;
    }

    public void restore(double previous, double lastImprovement) {
        this.previous = previous;
        this.lastImprovement = lastImprovement;
    }
}
