package io.colisten.train.cli;

import io.colisten.kernels.cpu.Parallel;
import io.colisten.kernels.cpu.Sgemm;
import java.util.concurrent.Callable;
import jdk.incubator.vector.FloatVector;
import picocli.CommandLine.Command;

/** Smoke command: the runtime, the SIMD width, the thread count, and a small checked matrix product. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the runtime, SIMD and thread configuration, and run a self-check.")
final class InfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("java      " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("simd      " + FloatVector.SPECIES_PREFERRED.length() + " fp32 lanes ("
                + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors)");
        System.out.println("threads   " + Parallel.threads());
        System.out.println("gpu       " + io.colisten.kernels.cuda.CudaProbe.probe().describe());
        int n = 67;
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (i % 7) - 3;
            b[i] = (i % 5) - 2;
        }
        Sgemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        double maxErr = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < n; p++) s += (double) a[i * n + p] * b[p * n + j];
                maxErr = Math.max(maxErr, Math.abs(s - c[i * n + j]));
            }
        boolean ok = maxErr == 0;
        System.out.println("self-check sgemm " + n + "^3: " + (ok ? "ok" : "FAILED, max error " + maxErr));
        return ok ? 0 : 1;
    }
}
