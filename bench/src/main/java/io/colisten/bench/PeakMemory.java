package io.colisten.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory half of a step benchmark (softmax-1m, train-step): runs a step a number of times in
 * this process, then prints the process's VmHWM (peak RSS from /proc/self/status, which includes the
 * JVM itself) and the heap in use, as one human line and a {@code MEMORY <key> <bytes>} line that
 * bench/run's cases read.
 */
final class PeakMemory {
    /** One step of the measured work, returning its loss. */
    interface Step {
        float step();
    }

    private PeakMemory() {}

    static void run(String key, int steps, Step step) throws IOException {
        long t0 = System.nanoTime();
        float loss = 0;
        for (int i = 0; i < steps; i++) loss = step.step();
        double sec = (System.nanoTime() - t0) / 1e9 / steps;
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory(), hwm = vmHwm();
        System.out.printf("ours: %s: %d steps, %.3f s/step (incl. warm-up), loss %.4f, peak RSS %.2f GiB, heap in use %.2f GiB%n",
                key, steps, sec, loss, hwm / (double) (1L << 30), heap / (double) (1L << 30));
        System.out.println("MEMORY " + key + " " + hwm);
    }

    /** This process's peak resident memory in bytes (-1 where /proc has no VmHWM). */
    static long vmHwm() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        return -1;
    }
}
