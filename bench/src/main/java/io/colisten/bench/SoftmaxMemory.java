package io.colisten.bench;

import java.io.IOException;

/**
 * Peak resident memory of the classifier step (bench/run softmax-1m): builds SoftmaxStep for the
 * given label count, runs the given number of steps and reports through {@link PeakMemory} as
 * {@code MEMORY <key> <bytes>}. Usage: SoftmaxMemory KEY CLASSES STEPS.
 */
public final class SoftmaxMemory {
    private SoftmaxMemory() {}

    public static void main(String[] args) throws IOException {
        String key = args[0];
        int classes = Integer.parseInt(args[1]), steps = Integer.parseInt(args[2]);
        SoftmaxStep step = new SoftmaxStep(classes, 7);
        PeakMemory.run(key, steps, step::step);
    }
}
