package io.colisten.nn.loss;

/**
 * What semi-hard mining did to one batch, for the metrics log: of {@code triplets} anchor-positive
 * pairs, how many got a semi-hard negative (the closest candidate farther than the positive), how
 * many fell back to the farthest candidate (none was farther than the positive), how many had no
 * candidate at all and kept their own sampled negative, and how many triplets ended with zero
 * loss (d(a, n) >= d(a, p) + margin) once the negatives were chosen.
 */
public record MiningStats(int triplets, int semiHard, int fallback, int noCandidate, int zeroLoss) {
    public double semiHardFraction() { return fraction(semiHard); }

    public double fallbackFraction() { return fraction(fallback); }

    public double noCandidateFraction() { return fraction(noCandidate); }

    public double zeroLossFraction() { return fraction(zeroLoss); }

    private double fraction(int n) {
        return triplets == 0 ? 0 : (double) n / triplets;
    }
}
