package io.colisten.train.eval;

/**
 * Standardises features with statistics of the training rows only (so nothing of validation or
 * test leaks into the probe): per feature, (x - mean) / std, with the population standard
 * deviation as scikit-learn's StandardScaler, and a feature constant over the training rows only
 * centred (std taken as 1). Statistics in double.
 */
public final class FeatureStandardiser {
    private final double[] mean, scale;

    private FeatureStandardiser(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** Statistics of {@code features[rows[i]]}; every row must have {@code dim} values. */
    public static FeatureStandardiser fit(float[][] features, int[] rows, int dim) {
        double[] mean = new double[dim], sq = new double[dim];
        for (int r : rows) {
            float[] x = features[r];
            for (int j = 0; j < dim; j++) mean[j] += x[j];
        }
        for (int j = 0; j < dim; j++) mean[j] /= rows.length;
        for (int r : rows) {
            float[] x = features[r];
            for (int j = 0; j < dim; j++) {
                double c = x[j] - mean[j];
                sq[j] += c * c;
            }
        }
        double[] scale = new double[dim];
        for (int j = 0; j < dim; j++) {
            double std = Math.sqrt(sq[j] / rows.length);
            scale[j] = std > 0 ? 1 / std : 1;
        }
        return new FeatureStandardiser(mean, scale);
    }

    /** The scales as a [dim x dim] diagonal matrix, row-major: with {@link #shift()}, the standardisation as a linear layer. */
    public float[] diagonal() {
        int dim = scale.length;
        float[] w = new float[dim * dim];
        for (int j = 0; j < dim; j++) w[j * dim + j] = (float) scale[j];
        return w;
    }

    /** The linear layer's bias: -mean * scale per feature. */
    public float[] shift() {
        float[] b = new float[mean.length];
        for (int j = 0; j < b.length; j++) b[j] = (float) (-mean[j] * scale[j]);
        return b;
    }

    /** All rows standardised, row-major into one [rows x dim] array. */
    public float[] apply(float[][] features) {
        int dim = mean.length;
        float[] out = new float[features.length * dim];
        for (int r = 0; r < features.length; r++) {
            for (int j = 0; j < dim; j++) out[r * dim + j] = (float) ((features[r][j] - mean[j]) * scale[j]);
        }
        return out;
    }
}
