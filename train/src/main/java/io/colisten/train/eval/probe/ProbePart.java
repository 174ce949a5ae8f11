package io.colisten.train.eval.probe;

/** Where a recording goes in a probe task: fits the probe, stops it early, or measures it. */
public enum ProbePart {
    TRAIN, VALIDATION, TEST
}
