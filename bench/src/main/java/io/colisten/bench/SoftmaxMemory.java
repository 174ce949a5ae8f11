package io.colisten.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory of the classifier step (bench/run softmax-1m): builds SoftmaxStep for the
 * given label count, runs the given number of steps, then prints the process's VmHWM (peak RSS,
 * from /proc/self/status, which includes the JVM itself) and the heap in use, as
 * {@code MEMORY <key> <bytes>} lines and one human line. Usage: SoftmaxMemory KEY CLASSES STEPS.
 */
public final class SoftmaxMemory {
    private SoftmaxMemory() {}

    public static void main(String[] args) throws IOException {
        String key = args[0];
        int classes = Integer.parseInt(args[1]), steps = Integer.parseInt(args[2]);
        SoftmaxStep step = new SoftmaxStep(classes, 7);
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

    private static long vmHwm() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        return -1;
    }
}
