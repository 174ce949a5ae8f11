package io.colisten.bench;

import io.colisten.engine.Backend;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.Device;
import io.colisten.nn.loss.TripletLoss;

/**
 * Where a SmallCNN training step's time goes, by phase: the step of SmallCnnTrainStep written out
 * with a clock between forward (the network), loss (mining + hinge, or the chunked softmax
 * forward), backward (the whole tape, the classifier's fused Adam included) and the network's Adam.
 * Prints one line per step and the best of each phase, with the process's CPU time per step (all
 * threads: on a shared machine a steadier measure of the work than the wall clock, which counts the
 * time other processes hold the cores). Usage: TrainStepProfile STAGE STEPS.
 * With -Dprofile.jfr=FILE, steps after the first (the JIT's warm-up) are recorded by JFR
 * (execution samples every 10 ms) into FILE: the split inside each phase.
 */
public final class TrainStepProfile {
    private TrainStepProfile() {}

    public static void main(String[] args) throws Exception {
        String stage = args[0];
        int steps = Integer.parseInt(args[1]);
        SmallCnnTrainStep s = new SmallCnnTrainStep(stage, 2026);
        TripletLoss loss = new TripletLoss();
        Backend be = Device.CPU.backend();
        double[] best = {1e9, 1e9, 1e9, 1e9, 1e9};
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double bestCpu = 1e9;
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        String[] names = {"forward", "loss", "backward", "adam", "step"};
        String jfrFile = System.getProperty("profile.jfr");
        jdk.jfr.Recording jfr = null;
        for (int k = 0; k < steps; k++) {
            if (k == 1 && jfrFile != null) {
                jfr = new jdk.jfr.Recording();
                jfr.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
                jfr.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
                jfr.start();
            }
            long c0 = os.getProcessCpuTime(), c1, c2, jit0 = jit.getTotalCompilationTime(), gc0 = gcMillis();
            long t0 = System.nanoTime(), t1, t2, t3, t4;
            s.adam.zeroGrad();
            float value;
            try (StepScope scope = StepScope.open()) {
                Tensor l;
                if (s.triplet != null) {
                    int b = SmallCnnTrainStep.BATCH;
                    Tensor e = s.network.embed(s.windows);
                    t1 = System.nanoTime();
                    c1 = os.getProcessCpuTime();
                    Tensor a = Ops.rows(e, 0, b), p = Ops.rows(e, b, 2 * b), n = Ops.rows(e, 2 * b, 3 * b);
                    l = loss.apply(a, p, n, null, null, SmallCnnTrainStep::excluded);
                } else {
                    Tensor u = s.network.embed(s.windows);
                    t1 = System.nanoTime();
                    c1 = os.getProcessCpuTime();
                    l = Ops.softmaxCrossEntropy(u, s.head.weight(), s.head.bias(), s.targets, s.classifierAdam);
                }
                value = l.item();
                t2 = System.nanoTime();
                c2 = os.getProcessCpuTime();
                l.backward();
                t3 = System.nanoTime();
                s.adam.step();
                t4 = System.nanoTime();
            }
            long t5 = System.nanoTime();
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            if (k > 0) bestCpu = Math.min(bestCpu, cpu);
            double[] ph = {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t5 - t0) / 1e9};
            StringBuilder line = new StringBuilder("step " + k + " loss " + value + ":");
            for (int i = 0; i < ph.length; i++) {
                best[i] = Math.min(best[i], ph[i]);
                line.append(String.format(" %s %.3f", names[i], ph[i]));
            }
            System.out.println(line + String.format(" | cpu %.3f s (forward %.3f, backward + adam %.3f; JIT %.3f s, GC %.3f s)",
                    cpu, (c1 - c0) / 1e9, (os.getProcessCpuTime() - c2) / 1e9, (jit.getTotalCompilationTime() - jit0) / 1e3,
                    (gcMillis() - gc0) / 1e3));
        }
        if (jfr != null) {
            jfr.stop();
            jfr.dump(java.nio.file.Path.of(jfrFile));
        }
        StringBuilder line = new StringBuilder("best (s):");
        for (int i = 0; i < best.length; i++) line.append(String.format(" %s %.3f", names[i], best[i]));
        System.out.println(line + String.format(" | cpu %.3f s (process CPU time of the least costly step after the first)", bestCpu));
        System.out.printf("peak RSS %.2f GiB%n", PeakMemory.vmHwm() / (double) (1L << 30));
    }

    /** Collection time so far, all collectors (ms). */
    private static long gcMillis() {
        long t = 0;
        for (java.lang.management.GarbageCollectorMXBean g : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) t += g.getCollectionTime();
        return t;
    }
}
