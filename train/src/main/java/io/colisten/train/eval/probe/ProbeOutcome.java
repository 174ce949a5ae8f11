package io.colisten.train.eval.probe;

/**
 * One probe's figure (a cell of paper Tables 4-5).
 *
 * @param task        the task's name
 * @param embedding   the features' name: a model, {@code logmel_stats} or {@code random_net}
 * @param classifier  "linear" or "mlp"
 * @param trainSet    "full" or "10%"
 * @param auc         class-balanced ROC-AUC on the test rows (NaN when no class has both kinds there)
 * @param classes     classes used in the AUC (both kinds among the test rows)
 * @param trainRows   rows the probe was fitted on
 * @param testRows    rows it was measured on
 * @param bestEpoch   the epoch early stopping kept
 * @param seconds     wall time of the fit
 */
public record ProbeOutcome(String task, String embedding, String classifier, String trainSet, double auc, int classes,
                           int trainRows, int testRows, int bestEpoch, double seconds) {}
