package io.colisten.kernels.cpu;

/** Pointwise activations and their backward kernels (backward adds into dIn). */
public final class Activations {
    private Activations() {}

    /** out = max(in, 0). */
    public static void reluForward(float[] out, int oo, float[] in, int io, int n) {
        Check.count("reluForward", "n", n);
        Check.span("reluForward", "out", out, oo, n);
        Check.span("reluForward", "in", in, io, n);
        for (int i = 0; i < n; i++) out[oo + i] = Math.max(in[io + i], 0f);
    }

    /** dIn += dOut where out > 0 (out is the forward's output). */
    public static void reluBackward(float[] dIn, int dio, float[] dOut, int doo, float[] out, int oo, int n) {
        Check.count("reluBackward", "n", n);
        Check.span("reluBackward", "dIn", dIn, dio, n);
        Check.span("reluBackward", "dOut", dOut, doo, n);
        Check.span("reluBackward", "out", out, oo, n);
        for (int i = 0; i < n; i++) if (out[oo + i] > 0f) dIn[dio + i] += dOut[doo + i];
    }
}
