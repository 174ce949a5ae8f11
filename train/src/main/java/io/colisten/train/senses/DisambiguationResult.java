package io.colisten.train.senses;

import java.util.List;

/**
 * What {@code colisten disambiguate} found, as the report writers read it.
 *
 * @param run           the training run folder
 * @param checkpoint    the frozen network's checkpoint
 * @param corpus        the corpus folder
 * @param seed          k-means and classifier seed
 * @param clustered     recordings with a co-listen edge (clustered)
 * @param withoutEdges  recordings left out (no edge: no context)
 * @param train         training recordings used (clustered, labelled row, in the store)
 * @param heldOut       held-out recordings used (validation and evaluation parts)
 * @param minCount      training recordings a sense needs
 * @param minPositives  held-out positives a label needs to enter the AUC
 * @param sweep         one row per k, ascending; k = 1 is the unsplit baseline
 * @param chosenK       the k of the highest held-out AUC among k > 1
 * @param tables        Table 3 style nearest-label tables
 * @param planted       planted polysemous terms found in the vocabulary and judged at the chosen k (null: not a synthetic world)
 * @param plantedByK    planted terms separated at each k > 1 (empty: not a synthetic world)
 * @param notes         what was reduced or left out, and why
 */
public record DisambiguationResult(String run, String checkpoint, String corpus, long seed, int clustered, int withoutEdges,
                                   int train, int heldOut, int minCount, int minPositives, List<SweepRow> sweep, int chosenK,
                                   List<Table> tables, List<PlantedSenses.TermVerdict> planted, java.util.Map<Integer, Integer> plantedByK,
                                   List<String> notes) {

    /**
     * One k of the sweep.
     *
     * @param senses        labels of the split vocabulary
     * @param severalSenses terms split into at least two kept senses
     * @param kept          training (recording, term) occurrences kept
     * @param dropped       occurrences of senses below the minimum count
     * @param auc           held-out mean ROC-AUC of the split labels (NaN: no label qualified)
     * @param aucLabels     labels in that mean
     * @param termAuc       held-out mean ROC-AUC of the plain terms (k = 1's labels), each scored by the sum of its
     *                      senses' probabilities: the same labels as the unsplit classifier's AUC
     */
    public record SweepRow(int k, double inertia, int senses, int severalSenses, long kept, long dropped, double trainLoss,
                           double heldOutLoss, double auc, int aucLabels, double termAuc, double seconds) {}

    /** A nearest-label table: one column per sense of the term, then the unsplit term's column. */
    public record Table(String term, List<Column> columns) {}

    /**
     * A column: its seed label, the training recordings that carry it, whether it is the unsplit
     * term (k = 1), and its nearest labels with their cosines.
     */
    public record Column(String label, long count, boolean unsplit, List<Cell> neighbours) {}

    public record Cell(String label, double cosine) {}

    public SweepRow row(int k) {
        for (SweepRow r : sweep) if (r.k() == k) return r;
        return null;
    }

    public double aucSplit() {
        SweepRow r = row(chosenK);
        return r == null ? Double.NaN : r.auc();
    }

    public double aucUnsplit() {
        SweepRow r = row(1);
        return r == null ? Double.NaN : r.auc();
    }

    /** Planted terms judged separated (0 when none was judged). */
    public int plantedSeparated() {
        if (planted == null) return 0;
        int n = 0;
        for (PlantedSenses.TermVerdict v : planted) if (v.separated()) n++;
        return n;
    }
}
