package io.colisten.train.training;

/**
 * An exponential moving average of the step losses with bias correction (as Adam corrects its
 * moments), so the first values are averages of what was seen rather than pulled toward 0:
 * s_t = beta s_{t-1} + (1 - beta) loss_t, reported as s_t / (1 - beta^t). Its state is two numbers,
 * saved with each checkpoint so that a resumed run smooths, and so switches stage, exactly as an
 * uninterrupted one.
 */
public final class SmoothedLoss {
    private final double beta;
    private double average;
    private long count;

    public SmoothedLoss(double beta) {
        if (!(beta >= 0 && beta < 1)) throw new IllegalArgumentException("smoothing must be in [0, 1), got " + beta);
        this.beta = beta;
    }

    public void add(double loss) {
        average = beta * average + (1 - beta) * loss;
        count++;
    }

    /** The bias-corrected average (NaN before the first loss). */
    public double value() {
        if (count == 0) return Double.NaN;
        return average / (1 - Math.pow(beta, count));
    }

    public long count() {
        return count;
    }

    /** The raw (uncorrected) average, for checkpoints. */
    public double raw() {
        return average;
    }

    public void restore(double raw, long count) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0");
        this.average = raw;
        this.count = count;
    }

    public void reset() {
        average = 0;
        count = 0;
    }
}
