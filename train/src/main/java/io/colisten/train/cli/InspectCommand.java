package io.colisten.train.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.train.corpus.CorpusStats;
import io.colisten.train.labels.CorpusLabels;
import io.colisten.train.labels.LabelMatrix;
import io.colisten.train.labels.LabelsFile;
import io.colisten.train.split.TrainingViewStats;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.StoreFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code colisten inspect DIR}: a corpus's statistics as JSON on stdout. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print a corpus folder's statistics as JSON (snake_case keys; null where a file is absent):",
                "tracks, audio_hours, audio_unreadable, users, plays, play_lines, colisten_edges, degree_min, "
                        + "degree_median, degree_max, truth_facts, truth_tags, truth_tag_counts, "
                        + "store_recordings, store_frames, store_audio_hours, vocabulary_size, labelled_recordings, "
                        + "labels_per_recording, and the training view: graph_source, "
                        + "degree_mean, isolated_tracks, split_train, split_validation, split_evaluation, edges_train, "
                        + "edges_validation, edges_evaluation, edges_cross, triplet_fallback_fraction."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The corpus folder.")
    Path dir;

    @Option(names = "--store", paramLabel = "STORE", description = "The feature store (default: DIR/features).")
    Path store;

    /** store_recordings, store_frames, store_audio_hours: null when there is no store yet. */
    private static void addStore(ObjectNode json, Path storeDir) throws IOException {
        if (!Files.isRegularFile(StoreFiles.manifest(storeDir))) {
            json.putNull("store_recordings");
            json.putNull("store_frames");
            json.putNull("store_audio_hours");
            return;
        }
        try (FeatureStore fs = FeatureStore.open(storeDir)) {
            json.put("store_recordings", fs.size());
            json.put("store_frames", fs.totalFrames());
            json.put("store_audio_hours", Math.round(fs.totalSeconds() / 3600 * 1000) / 1000.0);
        }
    }

    /** vocabulary_size, labelled_recordings, labels_per_recording: null before ingest made them. */
    private static void addLabels(ObjectNode json, Path corpus) throws IOException {
        Path labels = CorpusLabels.labels(corpus);
        if (!Files.isRegularFile(labels) || !Files.isRegularFile(CorpusLabels.vocabulary(corpus))) {
            json.putNull("vocabulary_size");
            json.putNull("labelled_recordings");
            json.putNull("labels_per_recording");
            return;
        }
        LabelMatrix m = LabelsFile.read(labels);
        json.put("vocabulary_size", m.vocabularySize());
        json.put("labelled_recordings", m.labelledRows().length);
        json.put("labels_per_recording", m.rows() == 0 ? 0 : Math.round(1000.0 * m.nonZeros() / m.rows()) / 1000.0);
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "DIR: " + dir + " is not a folder");
        }
        CorpusStats stats = CorpusStats.of(dir, m -> spec.commandLine().getErr().println("colisten inspect: " + m));
        ObjectNode json = stats.json();
        TrainingViewStats.addTo(json, dir, m -> spec.commandLine().getErr().println("colisten inspect: " + m));
        addLabels(json, dir);
        addStore(json, store != null ? store : dir.resolve(StoreFiles.DEFAULT_DIR));
        var out = spec.commandLine().getOut();
        out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        out.flush();
        return 0;
    }
}
