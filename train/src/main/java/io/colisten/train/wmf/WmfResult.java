package io.colisten.train.wmf;

import java.util.List;

/**
 * Trained factors with their recording ids (graph order) and each sweep's figures.
 */
public record WmfResult(String[] ids, WmfFactors factors, WmfConfig config, List<SweepStats> sweeps) {
    /** The loss after each sweep. */
    public double[] losses() {
        return sweeps.stream().mapToDouble(SweepStats::loss).toArray();
    }
}
