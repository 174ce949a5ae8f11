package io.colisten.kernels.dsp;

import io.colisten.kernels.cpu.Parallel;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited resampling between any two integer sample rates: a polyphase Kaiser-windowed sinc
 * ({@link ResamplerDesign}: flat to 0.9 of the lower Nyquist, about 80 dB down from 1.0 of it).
 *
 * <p>A signal of n samples becomes ceil(n * to / from) samples; output k is the band-limited signal at
 * input time k * from / to (aligned at t = 0, as scipy.signal.resample_poly), with zeros beyond both
 * ends of the input. Equal rates copy. Instances are immutable and thread-safe; {@link #of} caches
 * them, so the filter of a rate pair is built once. {@link #process} allocates nothing.
 */
public final class Resampler {
    /** of() keeps at most this many rate pairs (a corpus has few distinct rates). */
    private static final int CACHE_LIMIT = 64;
    private static final ConcurrentHashMap<Long, Resampler> CACHE = new ConcurrentHashMap<>();
    /** processParallel runs on the calling thread below this many outputs; also the least per part. */
    static final int PARALLEL_GRAIN = 1 << 14;

    private final int fromRate, toRate;
    private final ResamplerDesign design;   // null for equal rates
    private final float[] table;            // design.rows() x design.taps()

    private Resampler(int fromRate, int toRate) {
        this.fromRate = fromRate;
        this.toRate = toRate;
        this.design = fromRate == toRate ? null : ResamplerDesign.of(fromRate, toRate);
        this.table = design == null ? null : design.table();
    }

    /** The resampler from fromRate to toRate Hz (both > 0), built once per rate pair and cached. */
    public static Resampler of(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("Resampler: sample rates must be > 0 Hz, got " + fromRate
                    + " -> " + toRate);
        }
        long key = (long) fromRate << 32 | toRate;
        Resampler r = CACHE.get(key);
        if (r != null) return r;
        if (CACHE.size() >= CACHE_LIMIT) CACHE.clear();
        return CACHE.computeIfAbsent(key, x -> new Resampler(fromRate, toRate));
    }

    /** Resamples a whole signal into a new array (convenience over {@link #of} and {@link #process}). */
    public static float[] resample(float[] in, int fromRate, int toRate) {
        if (in == null) throw new IllegalArgumentException("Resampler: input is null");
        Resampler r = of(fromRate, toRate);
        float[] out = new float[r.outputLength(in.length)];
        r.process(out, 0, in, 0, in.length);
        return out;
    }

    public int fromRate() {
        return fromRate;
    }

    public int toRate() {
        return toRate;
    }

    /** The filter's parameters, or null for equal rates (a plain copy). */
    public ResamplerDesign design() {
        return design;
    }

    /** Output samples for n input samples: ceil(n * to / from). */
    public int outputLength(int n) {
        if (n < 0) throw new IllegalArgumentException(name() + ": input length must be >= 0, got " + n);
        long len = ((long) n * toRate + fromRate - 1) / fromRate;
        if (len > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name() + ": " + n + " input samples give " + len
                    + " output samples, more than an array holds");
        }
        return (int) len;
    }

    /**
     * Resamples the whole signal in[inOff, inOff + n) into out[outOff, outOff + outputLength(n)),
     * on the calling thread. out must not overlap in.
     */
    public void process(float[] out, int outOff, float[] in, int inOff, int n) {
        int outLen = check(out, outOff, in, inOff, n);
        processRange(out, outOff, in, inOff, n, 0, outLen);
    }

    /**
     * As {@link #process}, with the outputs split into contiguous blocks over {@link Parallel}'s
     * threads when there are many; the result is bit-identical to process().
     */
    public void processParallel(float[] out, int outOff, float[] in, int inOff, int n) {
        int outLen = check(out, outOff, in, inOff, n);
        if (design == null || outLen < 2 * PARALLEL_GRAIN) {
            processRange(out, outOff, in, inOff, n, 0, outLen);
            return;
        }
        Parallel.forRange(outLen, PARALLEL_GRAIN, (k0, k1) -> processRange(out, outOff, in, inOff, n, k0, k1));
    }

    /** Outputs [k0, k1) of the signal in[inOff, inOff + n). */
    private void processRange(float[] out, int outOff, float[] in, int inOff, int n, int k0, int k1) {
        if (design == null) {
            System.arraycopy(in, inOff + k0, out, outOff + k0, k1 - k0);
        } else if (design.interpolated()) {
            ResamplerKernel.interpolated(out, outOff, in, inOff, n, table, design.taps(), design.halfTaps(),
                    design.phases(), design.up(), design.down(), k0, k1);
        } else {
            ResamplerKernel.exact(out, outOff, in, inOff, n, table, design.taps(), design.halfTaps(),
                    design.up(), design.down(), k0, k1);
        }
    }

    /** Validates the arguments of process(); returns outputLength(n). */
    private int check(float[] out, int outOff, float[] in, int inOff, int n) {
        int outLen = outputLength(n);
        span("in", in, inOff, n);
        span("out", out, outOff, outLen);
        if (out == in && outOff < inOff + n && inOff < outOff + outLen && outLen > 0 && n > 0) {
            throw new IllegalArgumentException(name() + ": out overlaps in");
        }
        return outLen;
    }

    private void span(String what, float[] a, int off, int len) {
        if (a == null) throw new IllegalArgumentException(name() + ": " + what + " is null");
        if (off < 0 || (long) off + len > a.length) {
            throw new IllegalArgumentException(name() + ": " + what + " needs offset " + off + " + " + len
                    + " samples but has length " + a.length);
        }
    }

    private String name() {
        return "Resampler " + fromRate + " -> " + toRate + " Hz";
    }

    @Override
    public String toString() {
        return design == null ? name() + " (copy)" : name() + " (" + design.taps() + " taps, "
                + design.rows() + " phase rows" + (design.interpolated() ? ", interpolated" : "") + ")";
    }
}
