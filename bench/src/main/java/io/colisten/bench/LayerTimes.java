package io.colisten.bench;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.random.Rng;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.Models;
import io.colisten.nn.modules.LayerClock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-layer timing of one network's inference forward on InferBench's input (a batch of 64
 * windows 1 x 300 x 64, eval mode, NoGrad, StepScope): ms per batch for every layer that records
 * into {@link LayerClock}, the median over rounds, beside the wall time of the whole forward.
 * bench/peer/layer_times.py prints the same for PyTorch. Run (after mvn package):
 * <pre>java --add-modules jdk.incubator.vector -XX:-TieredCompilation -cp bench/target/benchmarks.jar \
 *   io.colisten.bench.LayerTimes mobilenet [rounds] [forwards per round] [batch]</pre>
 * Layers that run inside parallel parts record thread time divided by the thread count, so their
 * rows are estimates of wall time; "sum of rows" against "forward (wall)" shows what is not covered.
 */
public final class LayerTimes {
    private LayerTimes() {}

    public static void main(String[] args) {
        System.setProperty("colisten.layerClock", "true");
        String model = args.length > 0 ? args[0] : "mobilenet";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : InferBench.BATCH;
        if (!LayerClock.ON) throw new IllegalStateException("LayerClock was loaded before the property was set");

        EmbeddingNetwork net = Models.create(model, 2026);
        net.train(false);
        Rng rng = new Rng(7);
        float[] v = new float[batch * 300 * 64];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * 2 - 2);
        Tensor x = Tensor.of(v, batch, 1, 300, 64);

        for (int i = 0; i < 15; i++) forward(net, x);   // warm-up: C2 compiles every kernel
        Map<String, List<Double>> rows = new LinkedHashMap<>();
        double[] wall = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            LayerClock.reset();
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) forward(net, x);
            wall[r] = (System.nanoTime() - t0) / 1e6 / perRound;
            for (Map.Entry<String, Long> e : LayerClock.totals()) {
                rows.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue() / 1e6 / perRound);
            }
        }
        System.out.printf("%s: ms per batch of %d over %d rounds x %d forwards: median, min (the min is the%n"
                + "  better guide on a shared machine)%n", model, batch, rounds, perRound);
        double sum = 0, sumMin = 0;
        for (Map.Entry<String, List<Double>> e : rows.entrySet()) {
            double m = median(e.getValue()), lo = e.getValue().stream().mapToDouble(Double::doubleValue).min().orElse(0);
            sum += m;
            sumMin += lo;
            System.out.printf("  %-36s %8.2f %8.2f%n", e.getKey(), m, lo);
        }
        System.out.printf("  %-36s %8.2f %8.2f%n", "sum of rows", sum, sumMin);
        System.out.printf("  %-36s %8.2f %8.2f   (rounds: %s)%n", "forward (wall)", median(wall),
                Arrays.stream(wall).min().orElse(0), fmt(wall));
    }

    private static void forward(EmbeddingNetwork net, Tensor x) {
        try (NoGrad ng = NoGrad.enter(); StepScope s = StepScope.open()) {
            net.embed(x).get(0);
        }
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        return median(a);
    }

    private static double median(double[] v) {
        double[] a = v.clone();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) b.append(b.length() == 0 ? "" : " ").append(String.format("%.1f", d));
        return b.toString();
    }
}
