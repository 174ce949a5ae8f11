package io.colisten.nn.embed;

import io.colisten.engine.NoGrad;
import io.colisten.engine.Tensor;
import io.colisten.nn.audio.AudioDecodeException;
import io.colisten.nn.audio.AudioDecoder;
import io.colisten.nn.audio.LogMelFrontEnd;
import io.colisten.nn.audio.RecordingFrames;
import io.colisten.nn.audio.ShortRecordingPolicy;
import io.colisten.nn.models.EmbeddingNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Embedder against the chain it stands for: front end -> 300-frame windows -> network (eval,
 * no grad) -> mean -> l2 norm, on generated audio, through a checkpoint saved and loaded from a run
 * folder.
 */
class EmbedderTest {
    @TempDir
    static Path dir;

    static Embedder embedder;
    static EmbeddingNetwork reference;

    @BeforeAll
    static void load() throws IOException {
        reference = EmbedFixtures.network(EmbedFixtures.audioNetwork(), 21);
        EmbedFixtures.run(dir.resolve("run"), reference, null, null, 3);
        embedder = Embedder.load(dir.resolve("run"));
        reference.train(false);
    }

    /** The manual chain on frames: windows of 300, the network on all of them at once, the mean in double, normalised. */
    static float[][] manual(float[] frames, int frameCount) {
        int n = frameCount / 300;
        float[] win;
        try (NoGrad ng = NoGrad.enter()) {
            win = reference.embed(Tensor.of(Arrays.copyOf(frames, n * 300 * 64), n, 1, 300, 64)).toArray();
        }
        double[] mean = new double[128];
        for (int w = 0; w < n; w++) for (int j = 0; j < 128; j++) mean[j] += win[w * 128 + j] / (double) n;
        double norm = 0;
        for (double m : mean) norm += m * m;
        float[] v = new float[128];
        for (int j = 0; j < 128; j++) v[j] = (float) (mean[j] / Math.sqrt(norm));
        return new float[][] {v, win};
    }

    static RecordingFrames frontEnd(Path wav) throws IOException {
        return new LogMelFrontEnd(new AudioDecoder(), ShortRecordingPolicy.PAD).frames(wav);
    }

    @Test
    void aWavFileEqualsTheManualChain() throws IOException {
        Path wav = EmbedFixtures.wav(dir.resolve("song.wav"), 7.3, 22_050, 1); // resampled; 728 frames: 2 windows + a tail
        RecordingFrames rf = frontEnd(wav);
        assertEquals(728, rf.frameCount());
        float[][] want = manual(rf.frames(), rf.frameCount());
        Embedding e = embedder.embed(wav);
        assertEquals(2, e.windowCount());
        assertFalse(e.padded() || e.clipped());
        assertArrayEquals(want[0], e.vector(), 1e-6f, "recording embedding");
        assertArrayEquals(want[1], e.windows(), 1e-6f, "window embeddings");
        double norm = 0;
        for (float x : e.vector()) norm += (double) x * x;
        assertEquals(1.0, norm, 1e-6, "unit length");
        // per-window output: window 1 on its own through the network
        float[] one;
        try (NoGrad ng = NoGrad.enter()) {
            one = reference.embed(Tensor.of(Arrays.copyOfRange(rf.frames(), 300 * 64, 600 * 64), 1, 1, 300, 64)).toArray();
        }
        assertArrayEquals(one, e.window(1), 1e-5f, "window 1 alone");
    }

    @Test
    void pcmAndLogMelInputsGiveTheSameEmbeddingAsTheFile() throws IOException {
        float[] pcm = EmbedFixtures.signal(4.1, 48_000, 2);
        Path wav = dir.resolve("pcm.wav");
        io.colisten.nn.audio.WavWriter.writeFloat32(wav, pcm, 1, 48_000);
        float[] fromFile = embedder.embed(wav).vector();
        assertArrayEquals(fromFile, embedder.embed(pcm, 48_000).vector(), 0f, "PCM buffer");
        RecordingFrames rf = frontEnd(wav);
        assertArrayEquals(fromFile, embedder.embedLogMel(rf.frames(), rf.frameCount()).vector(), 0f, "log-mel array");
    }

    @Test
    void shortRecordingsArePaddedToOneWindow() throws IOException {
        Path wav = EmbedFixtures.wav(dir.resolve("short.wav"), 1.2, 16_000, 3);
        Embedding e = embedder.embed(wav);
        assertTrue(e.padded());
        assertEquals(1, e.windowCount());
        RecordingFrames rf = frontEnd(wav); // ingest's PAD policy: the audio padded with silence
        assertArrayEquals(manual(rf.frames(), rf.frameCount())[0], e.vector(), 1e-6f);
        // log-mel shorter than a window: padded with the log-mel of silence, log(0.01)
        float[] frames = Arrays.copyOf(rf.frames(), 100 * 64);
        float[] padded = Arrays.copyOf(frames, 300 * 64);
        Arrays.fill(padded, 100 * 64, padded.length, (float) Math.log(0.01));
        Embedding l = embedder.embedLogMel(frames, 100);
        assertTrue(l.padded());
        assertArrayEquals(manual(padded, 300)[0], l.vector(), 1e-6f);
    }

    @Test
    void aBatchReportsTheBadFilesAndEmbedsTheRest() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) files.add(EmbedFixtures.wav(dir.resolve("b" + i + ".wav"), 3.5 + i, 16_000, 10 + i));
        Path corrupt = dir.resolve("corrupt.wav");
        byte[] good = Files.readAllBytes(files.get(0));
        Files.write(corrupt, Arrays.copyOf(good, 30)); // a RIFF header cut short
        files.add(1, corrupt);
        files.add(dir.resolve("missing.wav"));
        List<Integer> seen = new ArrayList<>();
        BatchResult r = embedder.embedFiles(files, 2, (i, f) -> {
            synchronized (seen) {
                seen.add(i);
            }
        });
        assertEquals(5, seen.size());
        assertEquals(3, r.succeeded());
        assertEquals(2, r.failures().size());
        BatchResult.Failure f1 = r.failures().get(0), f2 = r.failures().get(1);
        assertEquals(1, f1.index());
        assertTrue(f1.message().startsWith(corrupt.toString() + ": "), f1.message());
        assertEquals(4, f2.index());
        assertTrue(f2.message().startsWith(dir.resolve("missing.wav") + ": no such file"), f2.message());
        for (int i : new int[] {0, 2, 3}) {
            assertArrayEquals(embedder.embed(files.get(i)).vector(), r.vectors()[i], 0f, files.get(i).toString());
        }
        assertEquals(null, r.vectors()[1]);
    }

    @Test
    void concurrentCallersGetWhatTheyWouldAlone() throws Exception {
        int n = 4;
        float[][] pcm = new float[n][];
        float[][] alone = new float[n][];
        for (int i = 0; i < n; i++) {
            pcm[i] = EmbedFixtures.signal(3.1 + 0.1 * i, 16_000, 40 + i);
            alone[i] = embedder.embed(pcm[i], 16_000).vector();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < n; i++) {
                    int k = i;
                    futures.add(pool.submit(() -> embedder.embed(pcm[k], 16_000).vector()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(alone[i % n], futures.get(i).get(), 0f, "call " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void errorsNameTheInput() {
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> embedder.embed(dir.resolve("nope.mp3")));
        assertTrue(e.getMessage().startsWith(dir.resolve("nope.mp3") + ": no such file"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> embedder.embedLogMel(new float[65], 1));
        assertTrue(bad.getMessage().contains("65 values are not 1 frames of 64 bands"), bad.getMessage());
        float[] nan = new float[64 * 300];
        nan[64 * 5 + 2] = Float.NaN;
        bad = assertThrows(IllegalArgumentException.class, () -> embedder.embedLogMel(nan, 300));
        assertTrue(bad.getMessage().contains("(frame 5) is not finite"), bad.getMessage());
        IllegalStateException noHead = assertThrows(IllegalStateException.class, () -> embedder.tags(new float[128], 3));
        assertTrue(noHead.getMessage().startsWith(embedder.checkpoint().file() + ": tags need a classifier head"),
                noHead.getMessage());
    }
}
