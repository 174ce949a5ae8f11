package io.colisten.train.training;

/**
 * Called with a step's loss after the forward pass and before anything is updated, so that a NaN
 * or infinite loss stops the run with the weights of the previous step intact.
 */
@FunctionalInterface
public interface LossCheck {
    /** No check (benchmarks). */
    LossCheck NONE = loss -> { };

    void check(float loss);
}
