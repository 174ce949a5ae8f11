package io.colisten.train.wmf;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.colisten.train.graph.ColistenGraph;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * WMF at the paper's scale: a {@link SyntheticGraph} of 1,000,000 recordings x 250 neighbours
 * (250M directed entries, 2 GB of CSR) by default, then sweeps, printing the time of each sweep,
 * its loss, and the heap: what the graph holds, and the largest live heap (measured after each
 * collection) during the sweeps. Run it under a bounded heap, e.g.
 * <pre>
 * mvn -q -DskipTests package
 * java --add-modules jdk.incubator.vector -XX:-TieredCompilation -XX:+UseParallelGC -Xmx3500m \
 *   -cp train/target/colisten.jar io.colisten.train.wmf.WmfScaleCheck --recordings 1000000 --degree 250
 * </pre>
 * Options: {@code --recordings N}, {@code --degree D}, {@code --rank R}, {@code --sweeps S},
 * {@code --solver cg|exact}, {@code --cg-steps K}, {@code --alpha A}, {@code --lambda L}, {@code --threads T}.
 *
 * <p>{@code --compare exact,cg2,cg3,...} instead trains each listed solver (cgK: K steps) on a
 * planted-community graph ({@link SyntheticGraph#plantedCommunities}: {@code --recordings},
 * {@code --communities C}, {@code --degree-in}, {@code --degree-out}) and prints the loss after
 * every sweep and how the column factors separate the communities (mean cosine within and across).
 */
public final class WmfScaleCheck {
    private WmfScaleCheck() {}

    public static void main(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) throw new IllegalArgumentException("expected --key value pairs, got " + args[i]);
            o.put(args[i].substring(2), args[i + 1]);
        }
        int n = Integer.parseInt(o.getOrDefault("recordings", "1000000"));
        int degree = Integer.parseInt(o.getOrDefault("degree", "250"));
        WmfConfig d = WmfConfig.defaults();
        WmfConfig cfg = d.withRank(Integer.parseInt(o.getOrDefault("rank", "" + d.rank())))
                .withSweeps(Integer.parseInt(o.getOrDefault("sweeps", "3")))
                .withSolver(WmfSolver.parse(o.getOrDefault("solver", "cg")))
                .withCgSteps(Integer.parseInt(o.getOrDefault("cg-steps", "" + d.cgSteps())))
                .withAlpha(Float.parseFloat(o.getOrDefault("alpha", "" + d.alpha())))
                .withLambda(Float.parseFloat(o.getOrDefault("lambda", "" + d.lambda())))
                .withThreads(Integer.parseInt(o.getOrDefault("threads", "" + d.threads())));
        System.out.printf(Locale.ROOT, "max heap %d MiB; %s%n", Runtime.getRuntime().maxMemory() >> 20, cfg);
        if (o.containsKey("compare")) {
            compare(n, o, cfg);
            return;
        }

        long t0 = System.nanoTime();
        ColistenGraph g = SyntheticGraph.permutedCirculant(n, degree, 1);
        System.out.printf(Locale.ROOT, "graph: %,d recordings x %d neighbours = %,d entries, made in %.1f s; fingerprint %d%n",
                n, degree, g.neighbours().length, (System.nanoTime() - t0) / 1e9, SyntheticGraph.fingerprint(g));
        long graphBytes = 4L * (g.offsets().length + g.neighbours().length + g.counts().length);
        System.gc();
        long live = used();
        System.out.printf(Locale.ROOT, "heap after the graph: %d MiB live (CSR arrays %d MiB, the rest ids)%n", live >> 20, graphBytes >> 20);
        AtomicLong liveMax = watchLiveHeap();
        t0 = System.nanoTime();
        ImplicitAls als = new ImplicitAls(g, cfg);
        System.out.printf(Locale.ROOT, "init %.1f s%n", (System.nanoTime() - t0) / 1e9);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int s = 0; s < cfg.sweeps(); s++) {
            long cpu0 = os.getProcessCpuTime();
            SweepStats st = als.sweep();
            // CPU seconds of the whole process (all threads): robust where the machine is shared
            System.out.printf(Locale.ROOT, "sweep %d: %.2f s wall, %.2f s CPU, loss %.8g (data %.8g, regularisation %.6g)%n",
                    st.sweep(), st.seconds(), (os.getProcessCpuTime() - cpu0) / 1e9, st.loss(), st.dataLoss(), st.regularisation());
        }
        System.gc();
        long end = used();
        System.out.printf(Locale.ROOT, "live heap: largest after a collection during the sweeps %d MiB, at the end %d MiB "
                        + "= the graph's %d MiB + %d MiB (factors 2 x %d MiB)%n", liveMax.get() >> 20, end >> 20, live >> 20,
                (end - live) >> 20, (4L * n * als.factors().stride) >> 20);
        if (g.ids().length != n) throw new IllegalStateException(); // keeps the graph reachable to the end
    }

    private static void compare(int n, Map<String, String> o, WmfConfig cfg) {
        int communities = Integer.parseInt(o.getOrDefault("communities", "20"));
        ColistenGraph g = SyntheticGraph.plantedCommunities(n, communities, Integer.parseInt(o.getOrDefault("degree-in", "60")),
                Integer.parseInt(o.getOrDefault("degree-out", "10")), 3);
        System.out.printf(Locale.ROOT, "planted graph: %,d recordings, %,d edges, %d communities%n", n, g.edges(), communities);
        int per = n / communities;
        for (String s : o.get("compare").split(",")) {
            WmfConfig c = s.equals("exact") ? cfg.withSolver(WmfSolver.EXACT)
                    : cfg.withSolver(WmfSolver.CG).withCgSteps(Integer.parseInt(s.substring(2)));
            WmfResult r = ImplicitAls.train(g, c, io.colisten.train.progress.Progress.NONE, null);
            StringBuilder losses = new StringBuilder();
            for (double l : r.losses()) losses.append(String.format(Locale.ROOT, " %.6g", l));
            float[] y = r.factors().columnFactors();
            double[] sums = new double[2];
            long[] counts = new long[2];
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
            for (int t = 0; t < 200_000; t++) {
                int i = rnd.nextInt(n), j = t % 2 == 0 ? Math.min(n - 1, i / per * per + rnd.nextInt(per)) : rnd.nextInt(n);
                if (i == j) continue;
                int same = Math.min(i / per, communities - 1) == Math.min(j / per, communities - 1) ? 1 : 0;
                sums[same] += cosine(y, i, j, c.rank());
                counts[same]++;
            }
            double secs = r.sweeps().stream().mapToDouble(SweepStats::seconds).sum();
            System.out.printf(Locale.ROOT, "%-6s losses:%s%n       mean cosine of column factors within a community %.3f, across %.3f; "
                    + "%.2f s per sweep%n", s, losses, sums[1] / counts[1], sums[0] / counts[0], secs / c.sweeps());
        }
    }

    private static double cosine(float[] m, int i, int j, int d) {
        double ab = 0, aa = 0, bb = 0;
        for (int k = 0; k < d; k++) {
            ab += m[i * d + k] * m[j * d + k];
            aa += m[i * d + k] * m[i * d + k];
            bb += m[j * d + k] * m[j * d + k];
        }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
    }

    /** The largest heap in use right after any collection from now on. */
    private static AtomicLong watchLiveHeap() {
        AtomicLong max = new AtomicLong();
        java.util.Set<String> heap = new java.util.HashSet<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) heap.add(p.getName());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener((note, h) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(note.getType())) return;
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) note.getUserData());
                    long u = 0;
                    for (var m : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heap.contains(m.getKey())) u += m.getValue().getUsed();
                    }
                    max.accumulateAndGet(u, Math::max);
                }, null, null);
            }
        }
        return max;
    }

    private static long used() {
        long u = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) u += p.getUsage().getUsed();
        return u;
    }

}
