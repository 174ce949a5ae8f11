package io.colisten.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory of a SmallCNN training step (bench/run train-step): builds SmallCnnTrainStep
 * for the stage, runs the given number of steps, prints the process's VmHWM (peak RSS, from
 * /proc/self/status, the JVM included) as {@code MEMORY step/<stage> <bytes>} and one human line.
 * Usage: TrainStepMemory STAGE STEPS.
 */
public final class TrainStepMemory {
    private TrainStepMemory() {}

    public static void main(String[] args) throws IOException {
        String stage = args[0];
        int steps = Integer.parseInt(args[1]);
        SmallCnnTrainStep step = new SmallCnnTrainStep(stage, 2026);
        long t0 = System.nanoTime();
        float loss = 0;
        for (int i = 0; i < steps; i++) loss = step.step();
        double sec = (System.nanoTime() - t0) / 1e9 / steps;
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory(), hwm = vmHwm();
        System.out.printf("ours: step/%s: %d steps, %.3f s/step (incl. warm-up), loss %.4f, peak RSS %.2f GiB, heap in use %.2f GiB%n",
                stage, steps, sec, loss, hwm / (double) (1L << 30), heap / (double) (1L << 30));
        System.out.println("MEMORY step/" + stage + " " + hwm);
    }

    static long vmHwm() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        return -1;
    }
}
