package io.colisten.train.split;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.train.corpus.TracksFile;
import io.colisten.train.graph.DegreeStats;
import io.colisten.train.graph.GraphSource;
import io.colisten.train.graph.Problems;
import io.colisten.train.graph.Sanitisation;
import io.colisten.train.stream.TripletSampler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What training will see of a corpus, for {@code inspect}: the graph as training loads it (tau and
 * the 250 cap applied), the split (splits.tsv when the corpus has one, else the default seeded
 * split), the edges each part keeps, and how often the triplet sampler would need its fallback.
 */
public final class TrainingViewStats {
    private static final String[] KEYS = {"graph_source", "degree_mean", "isolated_tracks", "split_train",
        "split_validation", "split_evaluation", "edges_train", "edges_validation", "edges_evaluation", "edges_cross",
        "triplet_fallback_fraction"};

    private TrainingViewStats() {}

    /** Adds the keys above to {@code o}; nulls when the corpus has no tracks.jsonl or no graph. */
    public static void addTo(ObjectNode o, Path corpus, Consumer<String> problems) throws IOException {
        boolean hasGraph = Files.isRegularFile(corpus.resolve("colisten.tsv"))
                || Files.isRegularFile(corpus.resolve(GraphSource.PLAYS));
        if (!Files.isRegularFile(corpus.resolve(TracksFile.NAME)) || !hasGraph) {
            for (String k : KEYS) {
                o.putNull(k);
            }
            return;
        }
        GraphSource.Loaded g = GraphSource.load(corpus, GraphSource.From.AUTO, Sanitisation.DEFAULT,
                new Problems(20, problems), m -> { });
        DegreeStats d = g.degrees();
        o.put("graph_source", g.file().getFileName().toString());
        o.put("degree_mean", Math.round(d.mean() * 1000) / 1000.0);
        o.put("isolated_tracks", d.isolated());
        Path splitsFile = corpus.resolve(SplitsFile.NAME);
        Splits splits = Files.isRegularFile(splitsFile) ? SplitsFile.read(splitsFile)
                : Splits.assign(g.graph().ids(), SplitSpec.DEFAULT);
        SplitGraphs parts = SplitGraphs.of(g.graph(), splits);
        o.put("split_train", parts.train().graph().tracks());
        o.put("split_validation", parts.heldOut(Split.VALIDATION).graph().tracks());
        o.put("split_evaluation", parts.heldOut(Split.EVALUATION).graph().tracks());
        o.put("edges_train", parts.train().graph().edges());
        o.put("edges_validation", parts.heldOut(Split.VALIDATION).graph().edges());
        o.put("edges_evaluation", parts.heldOut(Split.EVALUATION).graph().edges());
        o.put("edges_cross", parts.crossEdges());
        double fallback = TripletSampler.fallbackFraction(parts.train().graph(), 100_000, splits.spec().seed());
        o.put("triplet_fallback_fraction", Math.round(fallback * 10000) / 10000.0);
    }
}
