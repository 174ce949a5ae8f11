package io.colisten.train.eval.embed;

import io.colisten.kernels.cpu.Parallel;
import io.colisten.nn.audio.AudioDecoder;
import io.colisten.nn.audio.LogMelFrontEnd;
import io.colisten.nn.audio.ShortRecordingPolicy;
import io.colisten.train.ingest.IngestItem;
import io.colisten.train.ingest.IngestRunner;
import io.colisten.train.ingest.IngestSummary;
import io.colisten.train.progress.Progress;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.FeatureStoreWriter;
import io.colisten.train.store.StoreFiles;
import io.colisten.train.store.StoreManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The feature store an evaluation reads frames from. A corpus's own store when it has one; else
 * (a corpus never ingested, or a folder of audio to probe) the audio is decoded once by ingest's
 * front end into a store of the evaluation's own (OUT/features), which a later evaluation into the
 * same folder reuses: ingest skips what the store already holds.
 */
public final class EvalStore {
    private EvalStore() {}

    /** Whether {@code dir} holds a feature store. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(StoreFiles.manifest(dir));
    }

    /**
     * Ingests {@code items} (audio files under their ids) into the store at {@code dir} (made when
     * absent) and opens it. Files that cannot be decoded are reported through {@code notes} and
     * left out.
     */
    public static FeatureStore ingest(List<IngestItem> items, Path dir, Progress progress, Consumer<String> notes) throws IOException {
        AudioDecoder decoder = new AudioDecoder();
        IngestRunner runner = new IngestRunner(StoreManifest.vggish(), () -> new LogMelFrontEnd(decoder, ShortRecordingPolicy.PAD),
                Parallel.threads());
        IngestSummary s;
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir, StoreManifest.vggish())) {
            s = runner.run(items, w, progress);
        }
        if (s.failed() > 0) {
            notes.accept(s.failed() + " of " + s.listed() + " audio files could not be decoded and are left out (first: "
                    + s.failures().get(0).file() + ": " + s.failures().get(0).reason() + ")");
        }
        return FeatureStore.open(dir);
    }
}
