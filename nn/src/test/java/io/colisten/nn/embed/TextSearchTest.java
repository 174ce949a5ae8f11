package io.colisten.nn.embed;

import io.colisten.engine.random.Rng;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.text.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text-to-music and tags through a checkpoint whose classifier rows are set by hand: row i of W is
 * a multiple of the unit vector e_i, so tag i's embedding is e_i and the recording built from the
 * query's terms must win. Tags are checked against a double-precision softmax, across logit chunks.
 */
class TextSearchTest {
    static final List<String> TERMS = List.of("love", "song", "love song", "rock", "night", "jazz");
    static final int D = 128;

    @TempDir
    static Path dir;

    static Embedder embedder;
    static EmbeddingIndex index;

    static float[] unit(int... dims) {
        float[] v = new float[D];
        for (int d : dims) v[d] = 1;
        return v;
    }

    @BeforeAll
    static void build() throws IOException {
        Vocabulary vocab = EmbedFixtures.vocabulary(TERMS);
        ClassifierHead head = new ClassifierHead(TERMS.size(), D);
        float[] w = new float[TERMS.size() * D];
        float[] b = new float[TERMS.size()];
        for (int i = 0; i < TERMS.size(); i++) {
            w[i * D + i] = 0.5f + i; // rows of different lengths: tag embeddings are normalised
            b[i] = 0.1f * i;
        }
        head.weight().copyFrom(w);
        head.bias().copyFrom(b);
        EmbedFixtures.run(dir.resolve("run"), EmbedFixtures.network(EmbedFixtures.smallWindows("smallcnn"), 2), head,
                vocab, 50);
        embedder = Embedder.load(dir.resolve("run"));

        List<String> ids = new ArrayList<>(List.of("love-song", "rock", "night", "jazz-night", "love-and-rock"));
        List<float[]> rows = new ArrayList<>(List.of(unit(0, 1, 2), unit(3), unit(4), unit(4, 5), unit(0, 3)));
        Rng rng = new Rng(9);
        for (int i = 0; i < 40; i++) { // others: mostly elsewhere, a little of every tag
            float[] v = new float[D];
            for (int j = 0; j < D; j++) v[j] = (float) (j < TERMS.size() ? 0.1 * rng.nextDouble() : rng.nextGaussian());
            ids.add("other-" + i);
            rows.add(v);
        }
        float[] all = new float[ids.size() * D];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, all, i * D, D);
        index = new EmbeddingIndex(ids, all, D);
    }

    @Test
    void queryTermsAreTheTrainingLabelsNGrams() {
        TextQuery q = embedder.textQuery("LOVE   Song!!");
        assertEquals(List.of("love", "love song", "song"), q.terms());
        assertArrayEquals(new int[] {0, 2, 1}, q.labels());
        float s = (float) (1 / Math.sqrt(3));
        assertArrayEquals(new float[] {s, s, s}, java.util.Arrays.copyOf(q.vector(), 3), 1e-7f);
        // NFKC and case folding as in the labels: full-width letters are the plain term
        assertEquals(List.of("rock"), embedder.textQuery("ＲＯＣＫ").terms());
        // bigrams keep word order: "song love" is not "love song"
        assertEquals(List.of("song", "love"), embedder.textQuery("song love-less").terms());
        TextQuery none = embedder.textQuery("classical piano");
        assertFalse(none.matched());
        assertEquals(List.of(), none.terms());
    }

    @Test
    void theRecordingMadeOfTheQueryTermsWins() {
        List<Hit> hits = embedder.search("a love song", index, 3);
        assertEquals("love-song", hits.get(0).id());
        assertEquals(1f, hits.get(0).score(), 1e-6f);
        hits = embedder.search("jazz at night", index, 2);
        assertEquals(List.of("jazz-night", "night"), hits.stream().map(Hit::id).toList());
        assertEquals(1f, hits.get(0).score(), 1e-6f);
        assertEquals((float) Math.sqrt(0.5), hits.get(1).score(), 1e-6f);
        hits = embedder.search("Rock", index, 2);
        assertEquals(List.of("rock", "love-and-rock"), hits.stream().map(Hit::id).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> embedder.search("bach", index, 3));
        assertTrue(e.getMessage().contains("no term of \"bach\" is in the vocabulary (6 terms)"), e.getMessage());
    }

    @Test
    void tagEmbeddingsAreTheNormalisedRows() {
        assertArrayEquals(unit(1), embedder.tagEmbedding("song"), 0f);
        assertArrayEquals(unit(5), embedder.tagEmbedding(5), 0f);
        assertThrows(IllegalArgumentException.class, () -> embedder.tagEmbedding("bach"));
        assertThrows(IllegalArgumentException.class, () -> embedder.tagEmbedding(6));
    }

    @Test
    void tagsAreTheSoftmaxOfTheClassifier() {
        float[] u = unit(3);
        List<Tag> tags = embedder.tags(u, 10);
        assertEquals(6, tags.size());
        assertEquals(new Tag(3, "rock", tags.get(0).probability(), 3.5f + 0.3f), tags.get(0));
        double[] z = {0, 0.1, 0.2, 3.8, 0.4, 0.5};
        double sum = 0;
        for (double x : z) sum += Math.exp(x);
        for (Tag t : tags) assertEquals(Math.exp(z[t.label()]) / sum, t.probability(), 1e-6, t.term());
        assertEquals(List.of(3, 5, 4, 2, 1, 0), tags.stream().map(Tag::label).toList());
    }

    @Test
    void tagsAcrossLogitChunksMatchADoubleReference() {
        int labels = TagSpace.LOGIT_CHUNK + 1234;
        ClassifierHead head = ClassifierHead.create(labels, D, 77);
        TagSpace space = new TagSpace(dir.resolve("none"), head, null);
        Rng rng = new Rng(5);
        float[] u = new float[D];
        for (int j = 0; j < D; j++) u[j] = (float) rng.nextGaussian();
        EmbeddingIndex.normalise(u, 0, D);
        float[] w = head.weight().toArray(), b = head.bias().toArray();
        double[] z = new double[labels];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < labels; i++) {
            double s = b[i];
            for (int j = 0; j < D; j++) s += (double) w[i * D + j] * u[j];
            z[i] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (double x : z) sum += Math.exp(x - max);
        Integer[] order = new Integer[labels];
        for (int i = 0; i < labels; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, c) -> Double.compare(z[c], z[a]));
        List<Tag> tags = space.tags(u, 12);
        for (int r = 0; r < 12; r++) {
            Tag t = tags.get(r);
            assertEquals((int) order[r], t.label(), "rank " + r);
            assertEquals(z[order[r]], t.logit(), 1e-5);
            assertEquals(Math.exp(z[order[r]] - max) / sum, t.probability(), 1e-9 + 1e-5 * t.probability());
            assertEquals(null, t.term());
        }
    }
}
