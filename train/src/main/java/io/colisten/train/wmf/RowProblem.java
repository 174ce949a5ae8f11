package io.colisten.train.wmf;

/**
 * One half-sweep's data: solve every row u of {@code f} (n x stride) given the other factor
 * {@code o}, minimising sum_i c_ui (p_ui - f_u . o_i)^2 + lambda |f_u|^2 over all n columns i, where
 * p_ui = 1 and c_ui = 1 + alpha * count on the graph's edges, p = 0 and c = 1 elsewhere. The
 * normal equations are (O^T O + lambda I + sum_{i in N(u)} alpha count_ui o_i o_i^T) f_u =
 * sum_{i in N(u)} (1 + alpha count_ui) o_i; {@code ridge} holds O^T O + lambda I (1 on padding).
 * The graph is symmetric, so row u's neighbours are also column u's: the same CSR serves both
 * half-sweeps.
 */
record RowProblem(int[] offsets, int[] neighbours, int[] counts, float[] f, float[] o, float[] ridge, float alpha,
                  int stride) {

    /**
     * Row u's terms of the weighted loss over its edges, less what the all-pairs term
     * sum_i (f_u . o_i)^2 already counts for them: sum_{i in N(u)} c_ui (1 - s)^2 - s^2, s = f_u . o_i.
     */
    double edgeTerms(int u, float[] dots, float[] scratch) {
        int from = offsets[u], to = offsets[u + 1];
        NeighbourPass.run(null, dots, o, neighbours, from, to, f, u * stride, stride, null, null, scratch);
        double sum = 0;
        for (int p = from; p < to; p++) {
            double s = dots[p - from];
            double c = 1 + (double) alpha * counts[p];
            sum += c * (1 - s) * (1 - s) - s * s;
        }
        return sum;
    }
}
