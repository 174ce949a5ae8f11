package io.colisten.train.eval.embed;

import io.colisten.train.store.FeatureStore;

import java.util.List;

/**
 * The {@code logmel_stats} baseline of the probes: a recording described by the mean and the
 * (population) standard deviation of each mel band over all its stored frames, 2 x bands values
 * (128 for 64 bands: the size of the learnt embeddings), accumulated in double. What a probe gets
 * from it is what the spectrum's summary alone tells, with no learning.
 */
public final class LogMelStats {
    private LogMelStats() {}

    /** One row per id: bands means, then bands standard deviations. */
    public static float[][] of(FeatureStore store, List<String> ids) {
        int bands = store.bands();
        float[][] out = new float[ids.size()][];
        float[] buf = new float[0];
        for (int i = 0; i < ids.size(); i++) {
            int ord = store.ordinal(ids.get(i));
            if (ord < 0) throw new IllegalArgumentException(store.dir() + ": the feature store lacks recording '" + ids.get(i) + "'");
            int frames = store.frames(ord);
            if (buf.length < frames * bands) buf = new float[frames * bands];
            store.read(ord, 0, frames, buf, 0);
            out[i] = stats(buf, frames, bands);
        }
        return out;
    }

    /** Means and standard deviations of frames x bands values (zeros for no frame). */
    static float[] stats(float[] x, int frames, int bands) {
        double[] sum = new double[bands], sq = new double[bands];
        for (int f = 0; f < frames; f++) {
            for (int b = 0; b < bands; b++) sum[b] += x[f * bands + b];
        }
        float[] v = new float[2 * bands];
        if (frames == 0) return v;
        for (int b = 0; b < bands; b++) sum[b] /= frames;
        for (int f = 0; f < frames; f++) {
            for (int b = 0; b < bands; b++) {
                double c = x[f * bands + b] - sum[b];
                sq[b] += c * c;
            }
        }
        for (int b = 0; b < bands; b++) {
            v[b] = (float) sum[b];
            v[bands + b] = (float) Math.sqrt(sq[b] / frames);
        }
        return v;
    }
}
