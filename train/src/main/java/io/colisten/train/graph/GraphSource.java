package io.colisten.train.graph;

import io.colisten.train.corpus.CorpusFormatException;
import io.colisten.train.corpus.TracksFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Loads a corpus's co-listen graph over the corpus's own tracks (every id of tracks.jsonl is a
 * vertex, isolated or not; ids sorted), from either of the corpus's files:
 * <ul>
 * <li>{@code colisten.tsv} (pair counts, a user's or the world's): read, then pairs below tau
 *     dropped and at most {@code maxNeighbours} kept per track, the strongest (see
 *     {@link Sanitisation}); the other sanitisation fields concern plays and do not apply. A
 *     colisten.tsv already sanitised with a smaller tau cannot give back its dropped pairs: lower
 *     tau needs plays.tsv.</li>
 * <li>{@code plays.tsv}: counted by {@link ColistenCounter}, the same code the synthetic world
 *     uses to write its colisten.tsv, so both routes give the same graph for the same settings.</li>
 * </ul>
 * Bad lines (malformed, negative counts, unknown track ids, self pairs) are reported with
 * file:line through {@link Problems} and skipped.
 */
public final class GraphSource {
    public static final String PLAYS = "plays.tsv";

    /** Which file the graph is made from; {@code AUTO} takes colisten.tsv when present, else plays.tsv. */
    public enum From {
        AUTO, COLISTEN, PLAYS;

        public static From parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "colisten", "colisten.tsv" -> COLISTEN;
                case "plays", "plays.tsv" -> PLAYS;
                default -> throw new IllegalArgumentException("graph source: expected auto, colisten or plays, got '" + s + "'");
            };
        }
    }

    /**
     * A loaded graph and how it was made.
     *
     * @param counting the counter's statistics when made from plays, else null
     */
    public record Loaded(ColistenGraph graph, From from, Path file, DegreeStats degrees, long problems,
                         ColistenCounter.Stats counting) {}

    private GraphSource() {}

    /** The graph of the corpus folder {@code corpus}, over the ids of its tracks.jsonl. */
    public static Loaded load(Path corpus, From from, Sanitisation s, Problems problems, Consumer<String> progress)
            throws IOException {
        String[] ids = trackIds(corpus.resolve(TracksFile.NAME));
        Path colisten = corpus.resolve(ColistenFile.NAME), plays = corpus.resolve(PLAYS);
        From chosen = from;
        if (chosen == From.AUTO) {
            if (Files.isRegularFile(colisten)) chosen = From.COLISTEN;
            else if (Files.isRegularFile(plays)) chosen = From.PLAYS;
            else throw new CorpusFormatException(corpus + ": no " + ColistenFile.NAME + " or " + PLAYS
                    + ": a co-listen graph needs one of them");
        }
        Path file = chosen == From.COLISTEN ? colisten : plays;
        if (!Files.isRegularFile(file)) throw new CorpusFormatException(file + ": no such file");
        long before = problems.count();
        ColistenGraph g;
        ColistenCounter.Stats counting = null;
        if (chosen == From.COLISTEN) {
            g = fromColisten(file, ids, s.minPairCount(), s.maxNeighbours(), problems);
        } else {
            ColistenCounter.Result r = ColistenCounter.count(PlaysReader.read(file, ids, problems), s, progress);
            g = r.graph();
            counting = r.stats();
        }
        return new Loaded(g, chosen, file, DegreeStats.of(g), problems.count() - before, counting);
    }

    /**
     * A colisten.tsv's graph over {@code ids} (null: the ids the file names): pairs with count
     * below {@code tau} dropped, then at most {@code maxNeighbours} per track, an edge staying when
     * it is among the strongest of both its ends (ties to the smaller neighbour id).
     */
    public static ColistenGraph fromColisten(Path file, String[] ids, int tau, int maxNeighbours, Problems problems)
            throws IOException {
        if (tau < 1 || maxNeighbours < 1) throw new IllegalArgumentException("need tau >= 1 and maxNeighbours >= 1");
        ColistenGraph all = ColistenFile.read(file, ids, problems);
        return ColistenCounter.cap(threshold(all, tau), maxNeighbours);
    }

    /** The graph without its pairs of count below {@code tau}. */
    static ColistenGraph threshold(ColistenGraph g, int tau) {
        PlaysReader.IntList a = new PlaysReader.IntList(), b = new PlaysReader.IntList(), c = new PlaysReader.IntList();
        for (int i = 0; i < g.tracks(); i++) {
            for (int p = g.offsets()[i]; p < g.offsets()[i + 1]; p++) {
                int j = g.neighbours()[p];
                if (j > i && g.counts()[p] >= tau) {
                    a.add(i);
                    b.add(j);
                    c.add(g.counts()[p]);
                }
            }
        }
        return ColistenGraph.fromEdges(g.ids(), a.toArray(), b.toArray(), c.toArray(), a.size());
    }

    /** The track ids of a tracks.jsonl, in file order. */
    public static String[] trackIds(Path tracksFile) throws IOException {
        List<String> ids = new ArrayList<>();
        TracksFile.stream(tracksFile, t -> ids.add(t.id()));
        return ids.toArray(new String[0]);
    }
}
