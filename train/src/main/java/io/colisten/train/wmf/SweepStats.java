package io.colisten.train.wmf;

/**
 * What one ALS sweep reached.
 *
 * @param sweep          1-based
 * @param loss           sum over all n x n pairs of c_ui (p_ui - x_u . y_i)^2, plus lambda (|X|^2 + |Y|^2)
 * @param dataLoss       the first part alone
 * @param regularisation the second part alone
 * @param seconds        wall time of the sweep, loss included
 */
public record SweepStats(int sweep, double loss, double dataLoss, double regularisation, double seconds) {}
