package io.colisten.kernels.dsp;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Log-mel spectrogram frames, the VGGish / AudioSet front end of DESIGN.md: frames of
 * windowLength samples every hop samples (no centring, no padding), periodic Hann window, real
 * FFT of fftLength (zero-padded), magnitude (not power), mel = magnitude . weights
 * ({@link MelFilterBank}), output log(mel + logOffset).
 *
 * Speed: frames go through {@link RealFft} {@link RealFft#LANES} at a time, one frame per vector
 * lane (gathered straight from the signal with the window applied), so the FFT, the magnitudes,
 * the mel projection and the log are all lanewise vector code. The mel matrix is used sparsely:
 * per band only the bins with a non-zero weight (each bin feeds at most two bands). The log is a
 * float polynomial (Cephes logf's, within about 1 ulp), not Math.log. A last partial block
 * repeats its last frame in the idle lanes and discards them.
 *
 * An instance holds scratch buffers (about n * LANES * 4 bytes for the FFT), so it is NOT
 * thread-safe: use one per thread. Construction costs a few microseconds plus the mel matrix
 * (bins x bands in double), so one per thread or per file is fine. compute() allocates nothing.
 */
public final class LogMel {
    private static final VectorSpecies<Float> S = RealFft.S;
    private static final int LANES = RealFft.LANES;

    private final int sampleRate, windowLength, hop, fftLength, bands;
    private final float logOffset;
    private final RealFft fft;
    private final float[] window;
    /** (fftLength/2 + 1) x bands, row-major, rounded to float. */
    private final float[] matrix;
    /** Band b's non-zero weights are entries [bandStart[b], bandStart[b+1]): a buffer offset of |X[k]| and w[k][b]. */
    private final int[] bandStart, entryOffset;
    private final float[] entryWeight;
    /** The bins that carry any weight: only their magnitudes are computed. */
    private final int binLo, binHi;

    // Scratch (why an instance is not thread-safe).
    private final float[] buf;
    /** Log-mel of a block, band-major: band b of lane j at b * LANES + j. */
    private final float[] melBlock;
    /** Gather offsets of the lanes' frames relative to the block's first frame, for laneCount frames. */
    private final int[] laneStart = new int[LANES];
    private int laneCount = -1;

    public LogMel(int sampleRate, int windowLength, int hop, int fftLength, int bands,
                  double fMin, double fMax, float logOffset) {
        if (sampleRate < 1 || hop < 1 || bands < 1) {
            throw new IllegalArgumentException("LogMel: sampleRate, hop and bands must be >= 1, got "
                    + sampleRate + ", " + hop + ", " + bands);
        }
        if (fftLength < 8 || Integer.bitCount(fftLength) != 1) {
            throw new IllegalArgumentException("LogMel: fftLength must be a power of two >= 8, got " + fftLength);
        }
        if (windowLength < 1 || windowLength > fftLength) {
            throw new IllegalArgumentException("LogMel: windowLength must be in [1, fftLength = " + fftLength
                    + "], got " + windowLength);
        }
        if (!(logOffset >= 0) || Float.isInfinite(logOffset)) {
            throw new IllegalArgumentException("LogMel: logOffset must be finite and >= 0, got " + logOffset);
        }
        this.sampleRate = sampleRate;
        this.windowLength = windowLength;
        this.hop = hop;
        this.fftLength = fftLength;
        this.bands = bands;
        this.logOffset = logOffset;
        fft = new RealFft(fftLength);
        double[] hann = HannWindow.periodic(windowLength);
        window = new float[windowLength];
        for (int i = 0; i < windowLength; i++) window[i] = (float) hann[i];
        int bins = fftLength / 2 + 1;
        double[] w = MelFilterBank.weights(bins, bands, sampleRate, fMin, fMax);
        matrix = new float[bins * bands];
        for (int i = 0; i < matrix.length; i++) matrix[i] = (float) w[i];
        bandStart = new int[bands + 1];
        int entries = 0;
        for (float v : matrix) if (v != 0f) entries++;
        entryOffset = new int[entries];
        entryWeight = new float[entries];
        int e = 0, lo = bins, hi = -1;
        for (int b = 0; b < bands; b++) {
            bandStart[b] = e;
            for (int k = 0; k < bins; k++) {
                float v = matrix[k * bands + b];
                if (v == 0f) continue;
                entryOffset[e] = fft.reOffset(k);
                entryWeight[e++] = v;
                lo = Math.min(lo, k);
                hi = Math.max(hi, k);
            }
        }
        bandStart[bands] = e;
        binLo = lo;
        binHi = hi;
        buf = new float[fft.bufferLength()];
        melBlock = new float[bands * LANES];
    }

    /** DESIGN.md's front end: 16 kHz, 25 ms periodic Hann, 10 ms hop, FFT 512, 64 bands 125-7500 Hz, log(mel + 0.01). */
    public static LogMel vggish() {
        return new LogMel(16000, 400, 160, 512, 64, 125.0, 7500.0, 0.01f);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int windowLength() {
        return windowLength;
    }

    public int hop() {
        return hop;
    }

    public int fftLength() {
        return fftLength;
    }

    public int bands() {
        return bands;
    }

    public float logOffset() {
        return logOffset;
    }

    /** Frames in n samples: 1 + floor((n - windowLength) / hop), 0 when n < windowLength. */
    public int frames(int samples) {
        return samples < windowLength ? 0 : 1 + (samples - windowLength) / hop;
    }

    /** The mel weights, (fftLength/2 + 1) x bands, row-major (row = FFT bin), as used (float); a copy. */
    public float[] melMatrix() {
        return matrix.clone();
    }

    /**
     * out[outOff + f * bands + b] = log(mel_b(frame f) + logOffset) for the frames(n) frames of
     * x[xOff, xOff + n): frame f is x[xOff + f * hop, + windowLength). Single-threaded.
     */
    public void compute(float[] out, int outOff, float[] x, int xOff, int n) {
        if (n < 0) throw new IllegalArgumentException("LogMel.compute: n must be >= 0, got " + n);
        span("x", x, xOff, n);
        int frames = frames(n);
        span("out", out, outOff, (long) frames * bands);
        for (int f0 = 0; f0 < frames; f0 += LANES) {
            int count = Math.min(LANES, frames - f0);
            if (count != laneCount) setLanes(count);
            fft.loadFrames(buf, x, xOff + f0 * hop, laneStart, window, windowLength);
            fft.transform(buf);
            fft.finishMagnitude(buf, binLo, binHi);
            melLog();
            int o = outOff + f0 * bands;
            for (int j = 0; j < count; j++, o += bands) {
                for (int b = 0; b < bands; b++) out[o + b] = melBlock[b * LANES + j];
            }
        }
    }

    /** Lane j reads frame min(j, count - 1) of the block: idle lanes repeat the last frame, inside x. */
    private void setLanes(int count) {
        for (int j = 0; j < LANES; j++) laneStart[j] = Math.min(j, count - 1) * hop;
        laneCount = count;
    }

    // Cephes logf: x = m 2^e with m in [sqrt(1/2), sqrt(2)); log(m) = t - t^2/2 + t^3 P(t), t = m - 1;
    // ln 2 split in two so that e * LN2_HI is exact.
    private static final float SQRT_HALF = 0.707106781186547524f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    private static final float Q0 = 7.0376836292e-2f, Q1 = -1.1514610310e-1f, Q2 = 1.1676998740e-1f,
            Q3 = -1.2420140846e-1f, Q4 = 1.4249322787e-1f, Q5 = -1.6668057665e-1f, Q6 = 2.0000714765e-1f,
            Q7 = -2.4999993993e-1f, Q8 = 3.3333331174e-1f;

    /**
     * melBlock[b * LANES + j] = log(sum_k w[k][b] |X_j[k]| + logOffset). The log is written out here
     * (not a helper taking a vector: a vector passed to a call C2 does not inline is boxed).
     */
    private void melLog() {
        FloatVector offset = FloatVector.broadcast(S, logOffset);
        for (int b = 0; b < bands; b++) {
            FloatVector acc = offset;
            for (int e = bandStart[b], end = bandStart[b + 1]; e < end; e++) {
                acc = FloatVector.fromArray(S, buf, entryOffset[e]).fma(FloatVector.broadcast(S, entryWeight[e]), acc);
            }
            // Subnormals are scaled up by 2^25 first so that the exponent field is meaningful.
            VectorMask<Float> tiny = acc.compare(VectorOperators.LT, Float.MIN_NORMAL);
            FloatVector v = acc.blend(acc.mul(0x1p25f), tiny);
            IntVector bits = v.reinterpretAsInts();
            FloatVector m = bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats(); // [0.5, 1)
            FloatVector ex = ((FloatVector) bits.lanewise(VectorOperators.LSHR, 23).sub(126)
                    .convert(VectorOperators.I2F, 0)).sub(25f, tiny);
            VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF);
            FloatVector t = m.add(m, low).sub(1f);
            ex = ex.sub(1f, low);
            FloatVector t2 = t.mul(t);
            FloatVector p = t.fma(Q0, Q1);
            p = p.fma(t, FloatVector.broadcast(S, Q2));
            p = p.fma(t, FloatVector.broadcast(S, Q3));
            p = p.fma(t, FloatVector.broadcast(S, Q4));
            p = p.fma(t, FloatVector.broadcast(S, Q5));
            p = p.fma(t, FloatVector.broadcast(S, Q6));
            p = p.fma(t, FloatVector.broadcast(S, Q7));
            p = p.fma(t, FloatVector.broadcast(S, Q8));
            FloatVector y = p.mul(t).mul(t2);
            y = ex.fma(FloatVector.broadcast(S, LN2_LO), y);
            y = t2.fma(FloatVector.broadcast(S, -0.5f), y);
            FloatVector r = t.add(y);
            r = ex.fma(FloatVector.broadcast(S, LN2_HI), r);
            // log 0 = -inf; +inf and NaN map to themselves.
            r = r.blend(Float.NEGATIVE_INFINITY, acc.compare(VectorOperators.EQ, 0f));
            r = r.blend(acc, acc.test(VectorOperators.IS_FINITE).not());
            r.intoArray(melBlock, b * LANES);
        }
    }

    private static void span(String name, float[] a, int off, long len) {
        if (a == null) throw new IllegalArgumentException("LogMel.compute: " + name + " is null");
        if (off < 0 || off + len > a.length) {
            throw new IllegalArgumentException("LogMel.compute: " + name + " needs offset " + off + " + " + len
                    + " elements but has length " + a.length);
        }
    }
}
