package io.colisten.kernels.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Resampler against the double-precision {@link ResamplerReference} on random signals of odd lengths
 * at non-zero offsets, plus the API's contract (lengths, identity, errors, parallel = serial).
 * Tolerance: |ours - reference| <= 2e-6 per sample for exact phase tables (float taps and sums vs
 * double; worst seen 3e-7) and 5e-6 for interpolated ones (plus linear interpolation between 1024
 * phases; worst seen 1.0e-6 on white noise at 8001 -> 16000), inputs in [-1, 1].
 */
class ResamplerTest {
    private static final int[] LENGTHS = {1, 2, 15, 17, 31, 33, 1001, 3007};

    static float[] random(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"44100,16000", "48000,16000", "8000,16000", "11025,16000", "22050,16000", "32000,16000",
            "96000,16000", "12345,16000", "44056,16000", "44099,16000", "8001,16000", "16000,44100",
            "16000,8000", "3,2", "2,7", "16000,16001"})
    void matchesReference(int from, int to) {
        Resampler r = Resampler.of(from, to);
        SplittableRandom rnd = new SplittableRandom(from * 31L + to);
        double worst = 0;
        for (int n : LENGTHS) worst = Math.max(worst, compare(r, rnd, n, false));
        // Long enough for several blocks of grouped outputs (8 x up per block), checked on a sample.
        int blocksOf8 = (int) Math.min(1 << 20, 3L * ResamplerKernel.GROUP * r.design().up() * from / to);
        worst = Math.max(worst, compare(r, rnd, blocksOf8 + 2 * r.design().taps() * Math.max(1, from / to) + 5, true));
        System.out.printf("%s: worst |ours - reference| = %.3g%n", r, worst);
    }

    /** Resamples n random samples at random offsets; checks every output (or a sample when sampled). */
    private static double compare(Resampler r, SplittableRandom rnd, int n, boolean sampled) {
        ResamplerDesign d = r.design();
        double tol = d.interpolated() ? 5e-6 : 2e-6;
        int inOff = 1 + rnd.nextInt(5), outOff = 2 + rnd.nextInt(7);
        float[] in = random(rnd, inOff + n + 3);
        int outLen = r.outputLength(n);
        float[] out = new float[outOff + outLen + 4];
        Arrays.fill(out, 7f);
        r.process(out, outOff, in, inOff, n);
        double worst = 0;
        int step = sampled ? Math.max(1, outLen / 3000) : 1;
        for (int k = 0; k < outLen; k += (k < 300 || k >= outLen - 300) ? 1 : step + rnd.nextInt(2)) {
            double want = ResamplerReference.output(in, inOff, n, r.fromRate(), r.toRate(), d, k);
            double err = Math.abs(out[outOff + k] - want);
            worst = Math.max(worst, err);
            if (!(err <= tol)) fail(r + " n=" + n + ": output " + k + " is " + out[outOff + k] + ", reference " + want);
        }
        for (int i = 0; i < outOff; i++) assertEquals(7f, out[i], "wrote before outOff");
        for (int i = outOff + outLen; i < out.length; i++) assertEquals(7f, out[i], "wrote past the output");
        return worst;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"44100,16000", "48000,16000", "12345,16000", "44099,16000", "8000,16000"})
    void anySplitOfTheOutputsGivesTheSameBits(int from, int to) {
        Resampler r = Resampler.of(from, to);
        ResamplerDesign d = r.design();
        int n = (int) (3L * ResamplerKernel.GROUP * d.up() * from / to) + 1001;
        float[] in = random(new SplittableRandom(5), n);
        float[] table = d.table();
        int len = r.outputLength(n);
        float[] whole = new float[len], parts = new float[len];
        r.process(whole, 0, in, 0, n);
        SplittableRandom rnd = new SplittableRandom(6);
        for (int k0 = 0; k0 < len; ) {
            int k1 = Math.min(len, k0 + 1 + rnd.nextInt(len / 5));
            if (d.interpolated()) {
                ResamplerKernel.interpolated(parts, 0, in, 0, n, table, d.taps(), d.halfTaps(), d.phases(), d.up(), d.down(), k0, k1);
            } else {
                ResamplerKernel.exact(parts, 0, in, 0, n, table, d.taps(), d.halfTaps(), d.up(), d.down(), k0, k1);
            }
            k0 = k1;
        }
        assertArrayEquals(whole, parts);
    }

    @Test
    void outputLengthIsCeil() {
        Resampler r = Resampler.of(44100, 16000);
        assertEquals(0, r.outputLength(0));
        assertEquals(1, r.outputLength(1));
        assertEquals(160, r.outputLength(441));
        assertEquals(161, r.outputLength(442));
        assertEquals(160_000, r.outputLength(441_000));
        assertEquals(4, Resampler.of(8000, 16000).outputLength(2));
        assertEquals(5, Resampler.of(3, 7).outputLength(2));
    }

    @Test
    void equalRatesCopy() {
        float[] in = random(new SplittableRandom(3), 101);
        assertArrayEquals(in, Resampler.resample(in, 22050, 22050));
        Resampler r = Resampler.of(16000, 16000);
        float[] out = new float[60];
        r.process(out, 5, in, 40, 50);
        for (int i = 0; i < 50; i++) assertEquals(in[40 + i], out[5 + i]);
    }

    @Test
    void cachesInstances() {
        assertSame(Resampler.of(44100, 16000), Resampler.of(44100, 16000));
        assertEquals(44100, Resampler.of(44100, 16000).fromRate());
        assertEquals(16000, Resampler.of(44100, 16000).toRate());
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertEquals(0, Resampler.resample(new float[0], 44100, 16000).length);
    }

    @Test
    void badArgumentsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resampler.of(0, 16000));
        assertTrue(e.getMessage().contains("must be > 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resampler.of(44100, -1));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[3], -8000, 16000));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(null, 8000, 16000));
        Resampler r = Resampler.of(8000, 16000);
        assertThrows(IllegalArgumentException.class, () -> r.outputLength(-1));
        e = assertThrows(IllegalArgumentException.class, () -> r.process(new float[19], 0, new float[10], 0, 10));
        assertTrue(e.getMessage().contains("out needs offset 0 + 20"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.process(new float[20], 0, new float[10], 1, 10));
        assertThrows(IllegalArgumentException.class, () -> r.process(new float[20], -1, new float[10], 0, 10));
        assertThrows(IllegalArgumentException.class, () -> r.process(null, 0, new float[10], 0, 10));
        e = assertThrows(IllegalArgumentException.class, () -> Resampler.of(2_000_000_000, 1));
        assertTrue(e.getMessage().contains("too extreme"), e.getMessage());
        float[] both = new float[40];
        assertThrows(IllegalArgumentException.class, () -> r.process(both, 5, both, 0, 10));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"44100,16000", "44099,16000", "8000,16000"})
    void parallelIsBitIdenticalToSerial(int from, int to) {
        Resampler r = Resampler.of(from, to);
        int n = (int) (3L * Resampler.PARALLEL_GRAIN * from / to) + 13;
        float[] in = random(new SplittableRandom(9), n + 3);
        float[] serial = new float[r.outputLength(n) + 1], parallel = new float[serial.length];
        r.process(serial, 1, in, 3, n);
        r.processParallel(parallel, 1, in, 3, n);
        assertArrayEquals(serial, parallel);
    }
}
