package io.colisten.train.senses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.progress.Progress;
import io.colisten.train.wmf.FactorsFile;
import io.colisten.train.wmf.ImplicitAls;
import io.colisten.train.wmf.WmfConfig;
import io.colisten.train.wmf.WmfResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The listening context of paper 3.3: WMF of the whole co-listen graph (the paper factorises the
 * full graph; the audio model never sees these factors, they only name the contexts the labels
 * are split by), each recording's column factor l2-normalised, then k-means for each k asked.
 * Recordings without a co-listen edge have factors that stay at their tiny random start (noise
 * once normalised): they get no cluster and are left out of the split, for every k alike.
 *
 * @param ids     the clustered recordings (those with an edge), in graph order
 * @param points  their normalised factors, ids.size() x rank
 * @param rank    values per point
 * @param withoutEdges recordings of the graph left out (no edge)
 */
public record SenseClusters(List<String> ids, float[] points, int rank, int withoutEdges) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The factors of {@code graph} by {@code config}, read from {@code dir} when it holds factors made
     * with the same settings over the same recordings, else computed and written there.
     */
    public static SenseClusters of(ColistenGraph graph, WmfConfig config, Path dir, Consumer<String> notes) throws IOException {
        FactorsFile.Factors f = cached(dir, graph, config);
        if (f == null) {
            notes.accept(String.format(Locale.ROOT, "WMF of the co-listen graph: %,d recordings, %,d edges, rank %d, lambda %s, %d sweeps",
                    graph.tracks(), graph.edges(), config.rank(), config.lambda(), config.sweeps()));
            WmfResult r = ImplicitAls.train(graph, config, Progress.NONE,
                    st -> notes.accept(String.format(Locale.ROOT, "wmf sweep %d: loss %.6g (%.1f s)", st.sweep(), st.loss(), st.seconds())));
            FactorsFile.write(dir, r);
            f = FactorsFile.read(dir);
        }
        int n = graph.tracks(), rank = f.rank(), kept = 0;
        List<String> ids = new ArrayList<>();
        float[] pts = new float[n * rank];
        for (int i = 0; i < n; i++) {
            if (graph.degree(i) == 0) continue;
            ids.add(graph.ids()[i]);
            System.arraycopy(f.factors(), i * rank, pts, kept * rank, rank);
            kept++;
        }
        float[] points = java.util.Arrays.copyOf(pts, kept * rank);
        KMeans.normaliseRows(points, kept, rank);
        return new SenseClusters(List.copyOf(ids), points, rank, n - kept);
    }

    private static FactorsFile.Factors cached(Path dir, ColistenGraph graph, WmfConfig c) throws IOException {
        Path meta = dir.resolve(FactorsFile.META);
        if (!Files.isRegularFile(meta)) return null;
        JsonNode m = JSON.readTree(meta.toFile());
        if (m.path("recordings").asInt() != graph.tracks() || m.path("rank").asInt() != c.rank()
                || m.path("lambda").asDouble() != (double) c.lambda() || m.path("alpha").asDouble() != (double) c.alpha()
                || m.path("sweeps").asInt() != c.sweeps() || m.path("seed").asLong() != c.seed()) {
            return null;
        }
        FactorsFile.Factors f = FactorsFile.read(dir);
        for (int i = 0; i < graph.tracks(); i++) if (!f.ids().get(i).equals(graph.ids()[i])) return null;
        return f;
    }

    public int size() {
        return ids.size();
    }

    /** k-means of the points; the assignment is in {@link #ids} order. */
    public KMeans.Result cluster(int k, int restarts, int iterations, long seed) {
        return new KMeans(k, restarts, iterations, seed).fit(points, ids.size(), rank);
    }

    /** Recording -> cluster, from an assignment in {@link #ids} order. */
    public Map<String, Integer> byId(int[] assignment) {
        Map<String, Integer> m = HashMap.newHashMap(ids.size());
        for (int i = 0; i < ids.size(); i++) m.put(ids.get(i), assignment[i]);
        return m;
    }
}
