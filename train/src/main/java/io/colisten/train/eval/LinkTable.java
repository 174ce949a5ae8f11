package io.colisten.train.eval;

import io.colisten.nn.embed.EmbeddingFiles;
import io.colisten.nn.embed.Npy;
import io.colisten.train.eval.report.EvaluationReport;
import io.colisten.train.eval.report.EvaluationReport.Curve;
import io.colisten.train.eval.report.EvaluationReport.LinkRow;
import io.colisten.train.graph.ColistenGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Table 2's rows: one {@link LinkPrediction} over the same two sampled pair sets per scorer,
 * with set 1's curves for the charts.
 */
final class LinkTable {
    private final ColistenGraph heldOut;
    private final LinkPairSets sets;

    LinkTable(ColistenGraph heldOut, LinkPairSets sets) {
        this.heldOut = heldOut;
        this.sets = sets;
    }

    /** The distinct recordings of both sets (what must be embedded). */
    List<String> recordings() {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        for (LinkPairSet s : sets.sets()) for (int v : s.recordings()) ids.add(heldOut.ids()[v]);
        return List.copyOf(ids);
    }

    ColistenGraph heldOut() {
        return heldOut;
    }

    LinkPairSets sets() {
        return sets;
    }

    LinkRow row(String model, String kind, String checkpoint, long step, PairScorer scorer) {
        Curve[][] curves = new Curve[1][];
        LinkPredictionResult r = LinkPrediction.evaluate(heldOut, sets, scorer, LinkPositives.SAMPLED_PAIRS, (set, ranked) -> {
            if (set == 0) curves[0] = CurveThinning.of(ranked);
        });
        return new LinkRow(model, kind, checkpoint, step, r, curves[0][0], curves[0][1]);
    }

    /** WMF factors as a dot-product scorer: FACTORS.npy with ids.txt beside it. */
    static PairScorer factors(Path npy) throws IOException {
        if (!Files.isRegularFile(npy)) throw new NoSuchFileException(npy.toString(), null, "no such factors file (WMF factors, .npy)");
        Path idsFile = npy.resolveSibling(EmbeddingFiles.IDS);
        Npy.Matrix m = Npy.read(npy);
        List<String> ids = EmbeddingFiles.readIds(idsFile);
        if (ids.size() != m.rows()) {
            throw new IOException(npy + ": " + m.rows() + " rows but " + idsFile + " names " + ids.size() + " recordings");
        }
        Map<String, float[]> byId = new HashMap<>();
        for (int r = 0; r < ids.size(); r++) {
            float[] v = new float[m.cols()];
            System.arraycopy(m.data(), r * m.cols(), v, 0, m.cols());
            if (byId.put(ids.get(r), v) != null) throw new IOException(idsFile + ": recording '" + ids.get(r) + "' is listed twice");
        }
        return EmbeddingPairScorer.dot(byId);
    }

    static EvaluationReport.Link section(int evaluationRecordings, ColistenGraph heldOut, LinkPairSets sets, List<LinkRow> rows) {
        return new EvaluationReport.Link(evaluationRecordings, heldOut.edges(), sets.requested(), sets.perSet(), List.copyOf(rows));
    }
}
