package io.colisten.bench;

import java.io.IOException;

/**
 * Peak resident memory of a SmallCNN training step (bench/run train-step): builds SmallCnnTrainStep
 * for the stage, runs the given number of steps and reports through {@link PeakMemory} as
 * {@code MEMORY step/<stage> <bytes>}. Usage: TrainStepMemory STAGE STEPS.
 */
public final class TrainStepMemory {
    private TrainStepMemory() {}

    public static void main(String[] args) throws IOException {
        String stage = args[0];
        int steps = Integer.parseInt(args[1]);
        SmallCnnTrainStep step = new SmallCnnTrainStep(stage, 2026);
        PeakMemory.run("step/" + stage, steps, step::step);
    }
}
