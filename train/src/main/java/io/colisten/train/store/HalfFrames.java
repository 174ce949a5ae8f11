package io.colisten.train.store;

/** float32 frames to the store's float16 little-endian bytes (round to nearest even). */
public final class HalfFrames {
    private HalfFrames() {}

    public static byte[] encode(float[] x, int off, int n) {
        byte[] out = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            short h = Float.floatToFloat16(x[off + i]);
            out[2 * i] = (byte) h;
            out[2 * i + 1] = (byte) (h >>> 8);
        }
        return out;
    }
}
