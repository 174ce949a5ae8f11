package io.colisten.nn.embed;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.kernels.cpu.Parallel;
import io.colisten.nn.audio.AudioDecoder;
import io.colisten.nn.audio.LogMelFrontEnd;
import io.colisten.nn.audio.RecordingFrames;
import io.colisten.nn.audio.ShortRecordingPolicy;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.text.Vocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The library entry point: a trained network (and its classifier head and vocabulary, when the
 * checkpoint has them) that turns music into embeddings, tags and search results.
 * <pre>{@code
 * Embedder embedder = Embedder.load(Path.of("runs/main"));        // a run folder or a checkpoint file
 * float[] v = embedder.embed(Path.of("song.flac")).vector();      // 128 values, unit length
 * }</pre>
 * A recording's embedding is the mean of the embeddings of its non-overlapping windows
 * ({@code config().frames()} log-mel frames each, 300 = 3 s; a partial window at the end is left
 * out), l2-normalised, so that cosine similarity is a dot product. A recording shorter than one
 * window is padded with silence to exactly one, as ingest does. Audio goes through the DESIGN
 * front end (mono, 16 kHz, at most the decoder's limit of 600 s, 64 log-mel bands); the network
 * runs in eval mode (batch norm's running statistics) under NoGrad, at most
 * {@value #WINDOWS_PER_BATCH} windows per forward pass.
 *
 * <p>Thread-safe: any number of threads may call any method at once. Each call records nothing on
 * the (per-thread) autograd tape and keeps its buffers in its own thread's step scope; front ends,
 * which hold scratch, come from a pool.
 */
public final class Embedder {
    /** Windows per forward pass: bounds the activation memory of a long recording. */
    public static final int WINDOWS_PER_BATCH = 16;
    /** The log-mel value of silence: log(0 + 0.01), DESIGN.md's front end. */
    static final float SILENCE = (float) Math.log(0.01);

    private final Checkpoint checkpoint;
    private final EmbeddingNetwork network;
    private final ModelConfig config;
    private final int frames, bands, dim;
    private final AudioDecoder decoder;
    private final Queue<LogMelFrontEnd> frontEnds = new ConcurrentLinkedQueue<>();
    private final TagSpace tagSpace;
    private final SenseSpace senseSpace;

    /** Where label disambiguation leaves its sense classifier in a run folder ({@code colisten disambiguate}). */
    public static final String SENSES = "disambiguation/senses.safetensors";

    /**
     * Loads a checkpoint file, or the latest checkpoint of a run folder; audio decoded with the
     * defaults. A run folder's sense classifier ({@link #SENSES}) is picked up when it was fitted
     * on that latest checkpoint (same step and network); an older one is ignored.
     */
    public static Embedder load(Path modelOrRun) throws IOException {
        Checkpoint c = Checkpoint.load(modelOrRun);
        Checkpoint senses = null;
        Path s = modelOrRun.resolve(SENSES);
        if (Files.isDirectory(modelOrRun) && Files.isRegularFile(s)) {
            senses = Checkpoint.load(s);
            if (!fits(c, senses)) senses = null;
        }
        return new Embedder(c, new AudioDecoder(), senses);
    }

    /** Whether {@code senses} holds a sense classifier fitted on {@code base}'s network. */
    static boolean fits(Checkpoint base, Checkpoint senses) {
        return senses.head() != null && senses.vocabulary() != null && senses.metadata().step() == base.metadata().step()
                && senses.metadata().config().equals(base.metadata().config());
    }

    /** An embedder over a loaded checkpoint; it puts the network in eval mode and it must stay there. */
    public Embedder(Checkpoint checkpoint, AudioDecoder decoder) {
        this(checkpoint, decoder, null);
    }

    /**
     * With a sense classifier ({@code senses}: a checkpoint of the same network, step and config,
     * whose head and vocabulary are the cluster-prefixed labels), or null for none.
     */
    public Embedder(Checkpoint checkpoint, AudioDecoder decoder, Checkpoint senses) {
        this.checkpoint = checkpoint;
        this.network = checkpoint.network();
        this.config = network.config();
        this.frames = config.frames();
        this.bands = config.bands();
        this.dim = config.embeddingSize();
        this.decoder = decoder;
        network.train(false);
        tagSpace = checkpoint.head() == null ? null : new TagSpace(checkpoint.file(), checkpoint.head(), checkpoint.vocabulary());
        if (senses != null && !fits(checkpoint, senses)) {
            throw new IllegalArgumentException(senses.file() + ": not a sense classifier of " + checkpoint.file()
                    + " (it needs a head, a vocabulary, and the same step and network)");
        }
        senseSpace = senses == null ? null : new SenseSpace(senses);
    }

    public Checkpoint checkpoint() { return checkpoint; }

    public ModelConfig config() { return config; }

    /** The embedding size d (128 for the paper's networks). */
    public int dim() { return dim; }

    /** Whether the checkpoint has a classifier head (tags, tag embeddings, text search). */
    public boolean hasClassifier() { return tagSpace != null; }

    /** The vocabulary, or null when the checkpoint names none. */
    public Vocabulary vocabulary() { return checkpoint.vocabulary(); }

    // ---- embeddings -----------------------------------------------------------------------------

    /** Decodes {@code audio} (WAV natively, other formats through ffmpeg) and embeds it; errors name the file. */
    public Embedding embed(Path audio) throws IOException {
        requireAudioBands();
        LogMelFrontEnd fe = frontEnd();
        RecordingFrames rf;
        try {
            rf = fe.frames(audio);
        } finally {
            frontEnds.add(fe);
        }
        return fromFrames(rf.frames(), rf.frameCount(), rf.padded(), rf.clipped());
    }

    /** Embeds mono PCM samples (any rate: resampled to 16 kHz; at most the decoder's limit is used). */
    public Embedding embed(float[] mono, int sampleRate) {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be > 0, got " + sampleRate);
        requireAudioBands();
        for (int i = 0; i < mono.length; i++) {
            if (!Float.isFinite(mono[i])) throw new IllegalArgumentException("PCM sample " + i + " is not finite: " + mono[i]);
        }
        long limit = (long) Math.floor(decoder.maxSeconds() * sampleRate);
        boolean clipped = mono.length > limit;
        float[] x = clipped ? java.util.Arrays.copyOf(mono, (int) limit) : mono;
        LogMelFrontEnd fe = frontEnd();
        RecordingFrames rf;
        try {
            rf = fe.frames(x, sampleRate, clipped);
        } finally {
            frontEnds.add(fe);
        }
        return fromFrames(rf.frames(), rf.frameCount(), rf.padded(), clipped);
    }

    /**
     * Embeds log-mel frames (frameCount x bands, frame-major, as the front end and the feature store
     * give them). Fewer frames than one window are padded with the log-mel value of silence.
     */
    public Embedding embedLogMel(float[] logMel, int frameCount) {
        if (frameCount < 0 || (long) frameCount * bands != logMel.length) {
            throw new IllegalArgumentException("log-mel: " + logMel.length + " values are not " + frameCount + " frames of "
                    + bands + " bands");
        }
        for (int i = 0; i < logMel.length; i++) {
            if (!Float.isFinite(logMel[i])) {
                throw new IllegalArgumentException("log-mel value " + i + " (frame " + i / bands + ") is not finite: " + logMel[i]);
            }
        }
        return fromFrames(logMel, frameCount, false, false);
    }

    /**
     * Embeds every file on up to {@code threads} threads (one file per thread at a time). A file
     * that fails is recorded (its path and the reason) and the others go on.
     */
    public BatchResult embedFiles(List<Path> files, int threads, BatchRunner.Listener listener) {
        return BatchRunner.run(files.size(), threads, i -> files.get(i).toString(), i -> embed(files.get(i)).vector(),
                listener);
    }

    /** {@link #embedFiles(List, int, BatchRunner.Listener)} on as many threads as the machine has cores. */
    public BatchResult embedFiles(List<Path> files) {
        return embedFiles(files, Parallel.threads(), BatchRunner.Listener.NONE);
    }

    private Embedding fromFrames(float[] x, int frameCount, boolean padded, boolean clipped) {
        if (frameCount < frames) {
            float[] p = new float[frames * bands];
            java.util.Arrays.fill(p, frameCount * bands, p.length, SILENCE);
            System.arraycopy(x, 0, p, 0, frameCount * bands);
            x = p;
            frameCount = frames;
            padded = true;
        }
        int n = frameCount / frames;
        int perWindow = frames * bands;
        float[] windows = new float[n * dim];
        try (NoGrad ng = NoGrad.enter()) {
            for (int w0 = 0; w0 < n; w0 += WINDOWS_PER_BATCH) {
                int b = Math.min(WINDOWS_PER_BATCH, n - w0);
                float[] in = java.util.Arrays.copyOfRange(x, w0 * perWindow, (w0 + b) * perWindow);
                try (StepScope s = StepScope.open()) {
                    float[] out = network.embed(Tensor.of(in, b, 1, frames, bands)).toArray();
                    System.arraycopy(out, 0, windows, w0 * dim, b * dim);
                }
            }
        }
        return new Embedding(mean(windows, n, dim), windows, n, dim, padded, clipped);
    }

    /** The l2-normalised mean of n rows of d (accumulated in double). */
    static float[] mean(float[] rows, int n, int d) {
        double[] m = new double[d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) m[j] += rows[r * d + j];
        }
        double ss = 0;
        for (int j = 0; j < d; j++) {
            m[j] /= n;
            ss += m[j] * m[j];
        }
        double inv = ss > 0 ? 1.0 / Math.sqrt(ss) : 0;
        float[] v = new float[d];
        for (int j = 0; j < d; j++) v[j] = (float) (m[j] * inv);
        return v;
    }

    private LogMelFrontEnd frontEnd() {
        LogMelFrontEnd fe = frontEnds.poll();
        return fe != null ? fe : new LogMelFrontEnd(decoder, ShortRecordingPolicy.PAD);
    }

    private void requireAudioBands() {
        if (bands != 64) {
            throw new IllegalStateException(checkpoint.file() + ": the network takes " + bands
                    + " mel bands but the audio front end gives 64; embed log-mel arrays instead");
        }
    }

    // ---- tags and text ---------------------------------------------------------------------------

    /** The k most probable tags of a recording embedding (softmax over the classifier's |V| logits). */
    public List<Tag> tags(float[] embedding, int k) {
        return requireHead("tags").tags(embedding, k);
    }

    /** A tag embedding: the l2-normalised row {@code label} of the classifier's weight matrix. */
    public float[] tagEmbedding(int label) {
        return requireHead("tag embeddings").tagEmbedding(label);
    }

    /** The tag embedding of a vocabulary term (in tokenised form: "synth pop"). */
    public float[] tagEmbedding(String term) {
        return requireHead("tag embeddings").tagEmbedding(term);
    }

    /** A free-text query in the embedding space: see {@link TextQuery}. */
    public TextQuery textQuery(String text) {
        return requireHead("text search").textQuery(text);
    }

    /**
     * Text-to-music: the k recordings of {@code index} closest (cosine) to the mean tag embedding
     * of the text's vocabulary terms. A text with no vocabulary term is an IllegalArgumentException.
     */
    public List<Hit> search(String text, EmbeddingIndex index, int k) {
        TextQuery q = textQuery(text);
        if (!q.matched()) {
            throw new IllegalArgumentException("no term of \"" + text + "\" is in the vocabulary ("
                    + vocabulary().size() + " terms) of " + checkpoint.file());
        }
        if (index.dim() != dim) {
            throw new IllegalArgumentException("the embeddings have dimension " + index.dim() + ", the model " + dim);
        }
        return index.search(q.vector(), k);
    }

    // ---- senses (label disambiguation) -------------------------------------------------------------

    /** Whether a sense-split vocabulary is loaded (tags name senses, search answers per sense). */
    public boolean hasSenses() { return senseSpace != null; }

    /** The sense vocabulary ("17_bebop", ...), or null. */
    public Vocabulary senseVocabulary() { return senseSpace == null ? null : senseSpace.vocabulary(); }

    /** The k most probable senses of a recording embedding (softmax over the sense classifier). */
    public List<Tag> senseTags(float[] embedding, int k) {
        return requireSenses("sense tags").tags().tags(embedding, k);
    }

    /** The terms of a text that the sense vocabulary knows (tokenised as the labels), in the order found. */
    public List<String> senseTerms(String text) {
        return requireSenses("sense search").terms(text);
    }

    /**
     * Text-to-music with senses. The text's terms are looked up among the sense vocabulary's plain
     * terms; when one of them has several senses (the one with the most, the first found on a tie),
     * the answer is one result list per sense: the recordings of {@code index} most likely, by the
     * sense classifier's softmax, to carry that sense and (each) the other query terms in any of
     * their senses ({@link SenseSpace#search}). Otherwise one list with a null sense: the ordinary
     * {@link #search} when the checkpoint has its own head (also for a text none of whose terms has a
     * kept sense), else the sense classifier's ranking.
     *
     * @throws IllegalArgumentException when no term of the text has a sense, and the checkpoint's own
     *                                  head (if any) knows none either
     */
    public List<SenseHits> searchSenses(String text, EmbeddingIndex index, int k) {
        SenseSpace ss = requireSenses("sense search");
        List<String> terms = ss.terms(text);
        boolean ordinary = tagSpace != null && vocabulary() != null && textQuery(text).matched();
        if (terms.isEmpty() && ordinary) return List.of(new SenseHits(null, null, search(text, index, k)));
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("no term of \"" + text + "\" has a sense in the sense vocabulary (" + ss.vocabulary().size()
                    + " senses) of " + checkpoint.file());
        }
        String split = null;
        int most = 1;
        for (String t : terms) {
            int n = ss.senses(t).length;
            if (n > most) {
                most = n;
                split = t;
            }
        }
        List<int[]> others = new java.util.ArrayList<>();
        for (String t : terms) if (!t.equals(split)) others.add(ss.senses(t));
        if (split == null) {
            if (ordinary) return List.of(new SenseHits(null, null, search(text, index, k)));
            return List.of(new SenseHits(null, null, ss.search(index, others.toArray(int[][]::new), k)));
        }
        List<SenseHits> out = new java.util.ArrayList<>();
        for (int s : ss.senses(split)) {
            int[][] groups = new int[others.size() + 1][];
            groups[0] = new int[] {s};
            for (int i = 0; i < others.size(); i++) groups[i + 1] = others.get(i);
            out.add(new SenseHits(ss.vocabulary().term(s), split, ss.search(index, groups, k)));
        }
        return out;
    }

    private SenseSpace requireSenses(String what) {
        if (senseSpace == null) {
            throw new IllegalStateException(checkpoint.file() + ": " + what + " need a sense classifier (run `colisten disambiguate` on the run)");
        }
        return senseSpace;
    }

    private TagSpace requireHead(String what) {
        if (tagSpace == null) {
            throw new IllegalStateException(checkpoint.file() + ": " + what
                    + " need a classifier head, and this checkpoint has none (a checkpoint of the labels stage has one)");
        }
        return tagSpace;
    }
}
