package io.colisten.train.eval;

import io.colisten.train.corpus.CorpusFormatException;
import io.colisten.train.corpus.TracksFile;
import io.colisten.train.eval.embed.EvalStore;
import io.colisten.train.graph.ColistenFile;
import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.graph.GraphSource;
import io.colisten.train.graph.Problems;
import io.colisten.train.graph.Sanitisation;
import io.colisten.train.ingest.IngestSources;
import io.colisten.train.labels.CorpusLabels;
import io.colisten.train.progress.Progress;
import io.colisten.train.split.Split;
import io.colisten.train.split.SplitSpec;
import io.colisten.train.split.Splits;
import io.colisten.train.split.SplitsFile;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.StoreFiles;
import io.colisten.train.world.WorldGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What an evaluation reads of a corpus: its feature store, its co-listen graph (null without
 * co-listen data), its split (splits.tsv, the one training made and kept; made the same way when
 * absent), its labels files and truth file when present.
 */
final class EvalCorpus implements AutoCloseable {
    final Path dir;
    final FeatureStore store;
    final ColistenGraph graph;
    final Splits splits;
    final Path labelsFile, truthFile;

    private EvalCorpus(Path dir, FeatureStore store, ColistenGraph graph, Splits splits, Path labelsFile, Path truthFile) {
        this.dir = dir;
        this.store = store;
        this.graph = graph;
        this.splits = splits;
        this.labelsFile = labelsFile;
        this.truthFile = truthFile;
    }

    static EvalCorpus open(Path dir, Path storeDir, Path truth, Path out, Progress progress, Consumer<String> notes) throws IOException {
        if (!Files.isDirectory(dir)) throw new CorpusFormatException(dir + ": not a corpus folder (no such folder)");
        Path tracks = dir.resolve(TracksFile.NAME);
        if (!Files.isRegularFile(tracks)) throw new CorpusFormatException(tracks + ": no such file: a corpus lists its recordings there");
        boolean hasGraph = Files.isRegularFile(dir.resolve(ColistenFile.NAME)) || Files.isRegularFile(dir.resolve(GraphSource.PLAYS));
        ColistenGraph graph = null;
        String[] ids;
        if (hasGraph) {
            graph = GraphSource.load(dir, GraphSource.From.AUTO, Sanitisation.DEFAULT, new Problems(20, notes), m -> { }).graph();
            ids = graph.ids();
        } else {
            ids = GraphSource.trackIds(tracks);
            notes.accept(dir + " has no co-listen data (" + ColistenFile.NAME + " or " + GraphSource.PLAYS + "): no link prediction");
        }
        Splits splits = SplitsFile.loadOrCreate(dir.resolve(SplitsFile.NAME), ids, SplitSpec.DEFAULT);
        Path labels = CorpusLabels.labels(dir);
        if (!Files.isRegularFile(labels)) labels = null;
        Path truthFile = truth != null ? truth : dir.resolve(WorldGenerator.TRUTH);
        if (truth == null && !Files.isRegularFile(truthFile)) truthFile = null;
        Path sd = storeDir != null ? storeDir : dir.resolve(StoreFiles.DEFAULT_DIR);
        FeatureStore store;
        if (EvalStore.exists(sd)) {
            store = FeatureStore.open(sd);
        } else if (storeDir != null) {
            throw new CorpusFormatException(storeDir + ": no feature store here (no " + StoreFiles.MANIFEST + ")");
        } else {
            Path own = out.resolve(StoreFiles.DEFAULT_DIR);
            notes.accept(dir + " has no feature store: its audio was decoded into " + own);
            store = EvalStore.ingest(IngestSources.corpus(dir).items(), own, progress, notes);
        }
        return new EvalCorpus(dir, store, graph, splits, labels, truthFile);
    }

    /** The recordings of a part that the store holds, in the split's (sorted) order. */
    List<String> part(Split part) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            if (splits.part(i) == part && store.ordinal(splits.id(i)) >= 0) out.add(splits.id(i));
        }
        return out;
    }

    @Override
    public void close() {
        store.close();
    }
}
