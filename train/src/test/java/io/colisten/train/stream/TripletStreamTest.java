package io.colisten.train.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.labels.LabelMatrix;
import io.colisten.train.split.Split;
import io.colisten.train.split.SplitGraphs;
import io.colisten.train.split.SplitSpec;
import io.colisten.train.split.Splits;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.FeatureStoreWriter;
import io.colisten.train.store.HalfFrames;
import io.colisten.train.store.StoreManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches from a small synthetic feature store: determinism, windows, split isolation, labels. */
class TripletStreamTest {
    static final int STORED = 48, MISSING = 6, B = 7;
    @TempDir
    static Path dir;
    static FeatureStore store;
    static Splits splits;
    static TrainingGraph graph;
    static int missingTrain;

    @BeforeAll
    static void makeStore() throws IOException {
        Random r = new Random(21);
        String[] ids = new String[STORED + MISSING];
        List<FeatureStoreWriter.Pending> group = new ArrayList<>();
        for (int i = 0; i < STORED; i++) {
            ids[i] = String.format("r%02d", i);
            int frames = 300 + (i % 4 == 0 ? 0 : 13 * i);
            float[] x = new float[frames * 64];
            for (int k = 0; k < x.length; k++) x[k] = (float) (r.nextGaussian() * 2 + i);
            group.add(new FeatureStoreWriter.Pending(ids[i], HalfFrames.encode(x, 0, x.length), frames, frames / 100.0, false, false));
        }
        for (int i = 0; i < MISSING; i++) ids[STORED + i] = "m" + i; // in the graph, not in the store (a failed ingest)
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir, StoreManifest.vggish())) {
            w.append(group);
        }
        store = FeatureStore.open(dir);
        Arrays.sort(ids);
        int m = 260;
        int[] a = new int[m], b = new int[m], c = new int[m];
        for (int e = 0; e < m; e++) {
            a[e] = r.nextInt(ids.length);
            do b[e] = r.nextInt(ids.length); while (b[e] == a[e]);
            c[e] = 2;
        }
        ColistenGraph full = ColistenGraph.fromEdges(ids, a, b, c, m);
        splits = Splits.assign(ids, new SplitSpec(4, 0.25, 0.5));
        graph = TrainingGraph.of(SplitGraphs.of(full, splits), store);
        for (String id : ids) if (id.startsWith("m") && splits.of(id) == Split.TRAIN) missingTrain++;
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    /** Copies of what a batch holds, for comparing streams. */
    record Copy(float[] a, float[] p, float[] n, int[] triplets, int[][] starts, boolean[] excluded, int fallbacks) {
        static Copy of(TripletBatch b) {
            int[][] s = new int[3][];
            for (int r = 0; r < 3; r++) s[r] = b.starts[r].clone();
            return new Copy(b.anchors().toArray(), b.positives().toArray(), b.negatives().toArray(), b.triplets.clone(), s,
                    b.excluded.clone(), b.fallbackNegatives());
        }

        void assertSame(Copy o, String what) {
            assertArrayEquals(a, o.a, what);
            assertArrayEquals(p, o.p, what);
            assertArrayEquals(n, o.n, what);
            assertArrayEquals(triplets, o.triplets, what);
            for (int r = 0; r < 3; r++) assertArrayEquals(starts[r], o.starts[r], what);
            assertArrayEquals(excluded, o.excluded, what);
            assertEquals(fallbacks, o.fallbacks, what);
        }
    }

    private static List<Copy> batches(StreamOptions o, int count) {
        List<Copy> out = new ArrayList<>();
        try (TripletStream s = TripletStream.open(graph, o)) {
            for (int k = 0; k < count; k++) {
                TripletBatch b = s.next();
                assertEquals(k, b.index());
                out.add(Copy.of(b));
            }
        }
        return out;
    }

    @Test
    void theTrainingGraphHoldsTrainRecordingsInTheStoreOnly() {
        assertTrue(graph.size() > 20 && graph.anchors() > 10, graph.toString());
        assertTrue(missingTrain > 0, "some train recordings are missing from the store");
        assertEquals(missingTrain, graph.missingFromStore());
        int trainStored = 0;
        for (int i = 0; i < STORED; i++) if (splits.of(String.format("r%02d", i)) == Split.TRAIN) trainStored++;
        assertEquals(trainStored, graph.size());
        ColistenGraph g = graph.graph();
        for (int v = 0; v < g.tracks(); v++) {
            assertEquals(Split.TRAIN, splits.of(g.ids()[v]));
            assertEquals(g.ids()[v], store.id(graph.ordinal(v)));
            for (int p = g.offsets()[v]; p < g.offsets()[v + 1]; p++) {
                assertEquals(Split.TRAIN, splits.of(g.ids()[g.neighbours()[p]]), "an edge leaves train");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBatchesBitwiseWithOneAndThreeThreads() {
        StreamOptions o = new StreamOptions(B, 1, 0, 77);
        List<Copy> one = batches(o, 9);
        List<Copy> three = batches(o.withThreads(3).withPrefetch(3), 9);
        for (int k = 0; k < 9; k++) one.get(k).assertSame(three.get(k), "batch " + k);
        List<Copy> other = batches(o.withSeed(78), 1);
        assertFalse(Arrays.equals(one.get(0).triplets, other.get(0).triplets) && Arrays.equals(one.get(0).a, other.get(0).a),
                "another seed, another stream");
    }

    @Test
    void windowsAreTheStoresFramesAndTripletsFollowTheRule() {
        int window = TrainingGraph.WINDOW_FRAMES * 64;
        float[] expect = new float[window];
        long fallbacks = 0;
        try (TripletStream s = TripletStream.open(graph, new StreamOptions(B, 2, 1, 5))) {
            for (int k = 0; k < 12; k++) {
                TripletBatch b = s.next();
                fallbacks += b.fallbackNegatives();
                int hardMissing = 0;
                for (int i = 0; i < B; i++) {
                    for (Role role : Role.values()) {
                        int o = b.ordinal(role, i), start = b.start(role, i);
                        assertEquals(b.id(role, i), store.id(o));
                        assertTrue(start >= 0 && start + 300 <= store.frames(o), "window inside the recording");
                        store.read(o, start, 300, expect, 0);
                        float[] got = Arrays.copyOfRange(b.windows(role).toArray(), i * window, (i + 1) * window);
                        assertArrayEquals(expect, got, "batch " + k + " row " + i + " " + role);
                    }
                    int a = b.vertex(Role.ANCHOR, i), p = b.vertex(Role.POSITIVE, i), n = b.vertex(Role.NEGATIVE, i);
                    assertTrue(graph.adjacent(a, p));
                    assertTrue(n != a && !graph.adjacent(a, n), "the negative is neither the anchor nor its neighbour");
                    if (!graph.adjacent(p, n)) hardMissing++;
                }
                assertEquals(b.fallbackNegatives(), hardMissing, "negatives outside N(p) are the counted fallbacks");
                for (int i = 0; i < B; i++) {
                    for (int j = 0; j < 3 * B; j++) {
                        int v = b.vertex(Role.values()[j / B], j % B), a = b.vertex(Role.ANCHOR, i);
                        assertEquals(v == a || graph.adjacent(a, v), b.excluded(i, j), "excluded(" + i + ", " + j + ")");
                    }
                }
            }
            assertEquals(12L * B, s.triplets());
            assertEquals(fallbacks, s.fallbackNegatives());
            assertEquals((double) fallbacks / (12 * B), s.fallbackFraction());
        }
    }

    @Test
    void batchesReuseAFixedSetOfBuffers() {
        StreamOptions o = new StreamOptions(B, 2, 2, 3);
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        try (TripletStream s = TripletStream.open(graph, o)) {
            for (int k = 0; k < 40; k++) {
                TripletBatch b = s.next();
                seen.put(b, true);
                seen.put(b.anchors(), true);
            }
        }
        assertTrue(seen.size() <= 2 * (o.threads() + o.prefetch() + 1), "distinct batches and tensors: " + seen.size());
    }

    @Test
    void labelBatchesCarryTheirRecordingsLabelsAndAreDeterministic() {
        // Labels: recording rNN has labels {NN % 5, 10 + NN % 3, ...}; every seventh has none.
        RecordingLabels labels = id -> {
            int i = Integer.parseInt(id.substring(1));
            if (i % 7 == 0) return new int[0];
            int[] l = new int[1 + i % 4];
            for (int k = 0; k < l.length; k++) l[k] = 10 * k + i % 5;
            return l;
        };
        int window = TrainingGraph.WINDOW_FRAMES * 64;
        float[] expect = new float[window];
        List<float[]> first = new ArrayList<>();
        List<int[]> firstIds = new ArrayList<>();
        // The same labels as the labels module's matrix (rows in another order): the same stream.
        List<String> rowsIds = new ArrayList<>();
        List<Integer> starts = new ArrayList<>(List.of(0));
        List<Integer> flat = new ArrayList<>();
        for (int i = STORED - 1; i >= 0; i--) {
            String id = String.format("r%02d", i);
            rowsIds.add(id);
            for (int l : labels.labels(id)) flat.add(l);
            starts.add(flat.size());
        }
        LabelMatrix matrix = new LabelMatrix(rowsIds, starts.stream().mapToInt(Integer::intValue).toArray(),
                flat.stream().mapToInt(Integer::intValue).toArray(), 40);
        for (int threads : new int[] {1, 3}) {
            StreamOptions o = new StreamOptions(B, threads, 1, 9);
            try (LabelStream s = threads == 1 ? LabelStream.open(graph, labels, o) : LabelStream.open(graph, matrix, o)) {
                int unlabelled = 0;
                for (int v = 0; v < graph.size(); v++) if (Integer.parseInt(graph.id(v).substring(1)) % 7 == 0) unlabelled++;
                assertEquals(unlabelled, s.unlabelledRecordings());
                assertEquals(graph.size() - unlabelled, s.labelledRecordings());
                for (int k = 0; k < 6; k++) {
                    LabelBatch b = s.next();
                    assertEquals(k, b.index());
                    float[] x = b.windows().toArray();
                    for (int i = 0; i < B; i++) {
                        int[] want = labels.labels(b.id(i));
                        assertTrue(want.length > 0, "unlabelled recordings are never drawn");
                        assertArrayEquals(want, Arrays.copyOfRange(b.labelIds(), b.labelStart(i), b.labelStart(i + 1)));
                        assertEquals(1f / want.length, b.weight(i));
                        float sum = 0;
                        for (int j = b.labelStart(i); j < b.labelStart(i + 1); j++) sum += b.labelWeights()[j];
                        assertEquals(1f, sum, 1e-6f, "an l1-normalised target sums to 1");
                        assertEquals(Split.TRAIN, splits.of(b.id(i)));
                        store.read(b.ordinal(i), b.start(i), 300, expect, 0);
                        assertArrayEquals(expect, Arrays.copyOfRange(x, i * window, (i + 1) * window));
                    }
                    int[] ids = Arrays.copyOf(b.labelIds(), b.labelStart(B));
                    if (threads == 1) {
                        first.add(x);
                        firstIds.add(ids);
                    } else {
                        assertArrayEquals(first.get(k), x, "label batch " + k);
                        assertArrayEquals(firstIds.get(k), ids, "label batch " + k);
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> LabelStream.open(graph, id -> null, StreamOptions.DEFAULT));
    }

    @Test
    void aFailingBatchIsReportedToTheConsumer() {
        try (OrderedPrefetcher<int[]> p = new OrderedPrefetcher<>("test", 2, 1, () -> new int[1], (buf, k) -> {
            if (k == 3) throw new IOException("disk gone");
            buf[0] = (int) k;
        })) {
            for (int k = 0; k < 3; k++) assertEquals(k, p.next()[0]);
            var e = assertThrows(IllegalStateException.class, p::next);
            assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
        }
    }
}
