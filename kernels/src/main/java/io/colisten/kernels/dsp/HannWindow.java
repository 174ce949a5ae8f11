package io.colisten.kernels.dsp;

/** The periodic Hann window (DFT-even: w[i] = 0.5 - 0.5 cos(2 pi i / length)), VGGish's STFT window. */
public final class HannWindow {
    private HannWindow() {}

    /** w[i] for i in [0, length), in double (the symmetric variant would divide by length - 1). */
    public static double[] periodic(int length) {
        if (length < 1) throw new IllegalArgumentException("HannWindow: length must be >= 1, got " + length);
        double[] w = new double[length];
        for (int i = 0; i < length; i++) w[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI / length * i);
        return w;
    }
}
