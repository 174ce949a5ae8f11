package io.colisten.train.training;

import io.colisten.nn.text.Vocabulary;
import io.colisten.train.corpus.CorpusFormatException;
import io.colisten.train.corpus.TracksFile;
import io.colisten.train.graph.ColistenFile;
import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.graph.GraphSource;
import io.colisten.train.graph.Problems;
import io.colisten.train.graph.Sanitisation;
import io.colisten.train.labels.CorpusLabels;
import io.colisten.train.labels.LabelMatrix;
import io.colisten.train.labels.LabelsFile;
import io.colisten.train.split.Split;
import io.colisten.train.split.SplitGraphs;
import io.colisten.train.split.SplitSpec;
import io.colisten.train.split.Splits;
import io.colisten.train.split.SplitsFile;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.StoreFiles;
import io.colisten.train.stream.TrainingGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What training reads from a corpus folder, loaded once: the feature store, the split (the
 * corpus's splits.tsv, made with the default seeded split the first time and kept, so that
 * evaluation later sees the same held-out recordings), the train and validation views of the
 * co-listen graph, and the text labels with their vocabulary. A part the corpus lacks is null
 * here; {@link #requireEdges} and {@link #requireLabels} turn its absence into a message that says
 * which stage cannot run and why.
 */
public final class TrainingCorpus implements AutoCloseable {
    private final Path dir;
    private final FeatureStore store;
    private final Splits splits;
    private final TrainingGraph train, validation;
    private final boolean hasGraph;
    private final LabelMatrix labels;
    private final Vocabulary vocabulary;
    private final Path vocabularyFile;

    private TrainingCorpus(Path dir, FeatureStore store, Splits splits, TrainingGraph train, TrainingGraph validation,
                           boolean hasGraph, LabelMatrix labels, Vocabulary vocabulary, Path vocabularyFile) {
        this.dir = dir;
        this.store = store;
        this.splits = splits;
        this.train = train;
        this.validation = validation;
        this.hasGraph = hasGraph;
        this.labels = labels;
        this.vocabulary = vocabulary;
        this.vocabularyFile = vocabularyFile;
    }

    /**
     * Opens {@code dir} with its store at {@code storeDir} (null: DIR/features). Problems in the
     * graph files (bad lines) go to {@code notes}, up to 20 of them.
     */
    public static TrainingCorpus open(Path dir, Path storeDir, Consumer<String> notes) throws IOException {
        if (!Files.isDirectory(dir)) throw new CorpusFormatException(dir + ": not a corpus folder (no such folder)");
        Path tracks = dir.resolve(TracksFile.NAME);
        if (!Files.isRegularFile(tracks)) throw new CorpusFormatException(tracks + ": no such file: a corpus lists its recordings there");
        Path storePath = storeDir != null ? storeDir : dir.resolve(StoreFiles.DEFAULT_DIR);
        if (!Files.isRegularFile(StoreFiles.manifest(storePath))) {
            throw new CorpusFormatException(storePath + ": no feature store (no " + StoreFiles.manifest(storePath).getFileName()
                    + "): training reads log-mel frames from it; run `colisten ingest " + dir + "` first");
        }
        boolean hasGraph = Files.isRegularFile(dir.resolve(ColistenFile.NAME)) || Files.isRegularFile(dir.resolve(GraphSource.PLAYS));
        ColistenGraph graph;
        if (hasGraph) {
            graph = GraphSource.load(dir, GraphSource.From.AUTO, Sanitisation.DEFAULT, new Problems(20, notes), m -> { }).graph();
        } else {
            String[] ids = GraphSource.trackIds(tracks);
            graph = ColistenGraph.fromEdges(ids, new int[0], new int[0], new int[0], 0);
        }
        Splits splits = SplitsFile.loadOrCreate(dir.resolve(SplitsFile.NAME), graph.ids(), SplitSpec.DEFAULT);
        SplitGraphs parts = SplitGraphs.of(graph, splits);
        FeatureStore store = FeatureStore.open(storePath);
        try {
            TrainingGraph train = TrainingGraph.of(parts, store);
            TrainingGraph validation = TrainingGraph.of(parts.heldOut(Split.VALIDATION), store);
            LabelMatrix labels = null;
            Vocabulary vocabulary = null;
            Path vocabularyFile = CorpusLabels.vocabulary(dir), labelsFile = CorpusLabels.labels(dir);
            if (Files.isRegularFile(vocabularyFile) && Files.isRegularFile(labelsFile)) {
                vocabulary = Vocabulary.read(vocabularyFile);
                labels = LabelsFile.read(labelsFile, vocabulary);
            }
            return new TrainingCorpus(dir, store, splits, train, validation, hasGraph, labels, vocabulary,
                    vocabulary == null ? null : vocabularyFile);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Path dir() { return dir; }

    public FeatureStore store() { return store; }

    public Splits splits() { return splits; }

    /** The train recordings the store can serve, and the co-listen edges among them. */
    public TrainingGraph train() { return train; }

    /** The validation recordings the store can serve, and the edges among them (held-out losses). */
    public TrainingGraph validation() { return validation; }

    /** The label matrix, or null when the corpus has no labels. */
    public LabelMatrix labels() { return labels; }

    /** The label vocabulary, or null. */
    public Vocabulary vocabulary() { return vocabulary; }

    /** CORPUS/labels/vocab.tsv, or null. */
    public Path vocabularyFile() { return vocabularyFile; }

    /** Fails with the reason when the triplet stage ({@code stage} names it) has no train edge to sample. */
    public void requireEdges(String stage) {
        if (!hasGraph) {
            throw new StageUnavailableException(stage, dir + " has no co-listen data (neither " + ColistenFile.NAME
                    + " nor " + GraphSource.PLAYS + "): triplets are sampled from the co-listen graph");
        }
        if (train.anchors() == 0) {
            throw new StageUnavailableException(stage, "the train part of " + dir + "'s co-listen graph has no edge ("
                    + train.size() + " train recordings in the store, " + train.missingFromStore() + " missing from it): "
                    + "every pair was below the minimum count or crossed the split");
        }
    }

    /** Fails with the reason when the label stage ({@code stage} names it) has nothing to learn from. */
    public void requireLabels(String stage) {
        if (labels == null) {
            throw new StageUnavailableException(stage, dir + " has no text labels (" + CorpusLabels.labels(dir)
                    + " and " + CorpusLabels.vocabulary(dir) + "): run `colisten ingest " + dir + "` without --no-labels");
        }
        int labelled = 0;
        for (int v = 0; v < train.size(); v++) {
            int row = labels.row(train.id(v));
            if (row >= 0 && labels.labelCount(row) > 0) labelled++;
        }
        if (labelled == 0) {
            throw new StageUnavailableException(stage, "none of the " + train.size() + " train recordings of " + dir
                    + " has a label in " + CorpusLabels.labels(dir));
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
