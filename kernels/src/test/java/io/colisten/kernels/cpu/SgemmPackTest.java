package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SgemmMicroKernel.MR;
import static io.colisten.kernels.cpu.SgemmMicroKernel.NR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector packing routines against their scalar twins, bit for bit, on edge sizes and offsets. */
class SgemmPackTest {
    private static final int[] SIZES = {1, 5, 11, 12, 13, 31, 32, 33, 50};

    @Test
    void packAMatchesScalarTwin() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[] gather = new int[NR];
        for (boolean trans : new boolean[] {false, true}) {
            for (int mc : SIZES) {
                for (int kc : new int[] {1, 7, 17}) {
                    int i0 = 3, p0 = 2, rows = trans ? p0 + kc : i0 + mc, cols = trans ? i0 + mc : p0 + kc;
                    int lda = cols + 4, aOff = 5;
                    float[] a = random(rnd, aOff + rows * lda);
                    int size = paddedRows(mc) * kc;
                    float[] fast = filled(size), slow = filled(size);
                    SgemmPack.packA(trans, a, aOff, lda, i0, mc, p0, kc, fast, gather);
                    SgemmPack.packAScalar(trans, a, aOff, lda, i0, mc, p0, kc, slow, 0);
                    assertArrayEquals(slow, fast, "trans=" + trans + " mc=" + mc + " kc=" + kc);
                }
            }
        }
    }

    @Test
    void packAStripMatchesBlockByBlockPacking() {
        SplittableRandom rnd = new SplittableRandom(12);
        int[] gather = new int[NR];
        for (int mc : SIZES) {
            for (int len : new int[] {5, 16, 37}) {
                int kc = 8, lda = 60, blockSize = paddedRows(mc) * kc;
                float[] a = random(rnd, (mc + 2) * lda);
                int blocks = (len + kc - 1) / kc;
                float[] strip = filled(blocks * blockSize), single = filled(blocks * blockSize);
                SgemmPack.packAStrip(a, 1, lda, 2, mc, 3, len, kc, blockSize, strip, gather);
                for (int g = 0; g < blocks; g++) {
                    SgemmPack.packAScalar(false, a, 1, lda, 2, mc, 3 + g * kc, Math.min(kc, len - g * kc), single,
                            g * blockSize);
                }
                assertArrayEquals(single, strip, "mc=" + mc + " len=" + len);
            }
        }
    }

    @Test
    void packBMatchesScalarTwin() {
        SplittableRandom rnd = new SplittableRandom(13);
        int[] gather = new int[NR];
        for (boolean trans : new boolean[] {false, true}) {
            for (int nc : SIZES) {
                for (int kc : new int[] {1, 7, 17}) {
                    int j0 = 3, p0 = 2, rows = trans ? j0 + nc : p0 + kc, cols = trans ? p0 + kc : j0 + nc;
                    int ldb = cols + 3, bOff = 4, bpOff = 13;
                    float[] b = random(rnd, bOff + rows * ldb);
                    int size = bpOff + (nc + NR - 1) / NR * NR * kc;
                    float[] fast = filled(size), slow = filled(size);
                    SgemmPack.packB(trans, b, bOff, ldb, p0, kc, j0, nc, fast, bpOff, gather);
                    SgemmPack.packBScalar(trans, b, bOff, ldb, p0, kc, j0, nc, slow, bpOff);
                    assertArrayEquals(slow, fast, "trans=" + trans + " nc=" + nc + " kc=" + kc);
                }
            }
        }
    }

    /** Rows of packed A (whole MR panels), i.e. its size in floats per unit of kc. */
    private static int paddedRows(int mc) {
        return (mc + MR - 1) / MR * MR;
    }

    private static float[] filled(int size) {
        float[] x = new float[size];
        Arrays.fill(x, -7f);
        return x;
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) rnd.nextDouble();
        return x;
    }
}
