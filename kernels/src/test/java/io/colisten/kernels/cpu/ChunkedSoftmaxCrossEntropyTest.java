package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.TestArrays.assertClose;
import static io.colisten.kernels.cpu.TestArrays.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunked softmax cross-entropy against a plain double reference (whole logit matrix, then
 * log-sum-exp): loss, lse and the three gradients, over chunk lengths that leave a short last
 * chunk, odd dims (vector tails), non-zero offsets, rows without labels and the batch shape of the
 * real classifier (132 x 128; 1,100 labels in chunks of 1,024 and 76). Tolerances
 * |a - b| <= atol + rtol |b|: loss and lse 1e-5 / 1e-5 (float logits, exp within 2 ulp); gradients
 * 2e-6 / 1e-4 (sums of up to 1,100 float terms). The fused Adam path must equal the plain backward
 * followed by Adam.step bit for bit.
 */
class ChunkedSoftmaxCrossEntropyTest {
    /** rows, dim, classes, chunk, bias, offset. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(3, 5, 7, 3, true, 0),
                Arguments.of(5, 17, 40, 16, false, 3),
                Arguments.of(13, 33, 100, 17, true, 17),
                Arguments.of(4, 16, 9, 100, true, 1),
                Arguments.of(132, 128, 1100, 1024, true, 0));
    }

    /** A problem: inputs at offsets, CSR targets with some empty rows. */
    static final class Problem {
        final int rows, dim, classes, off;
        final float[] u, w, b;
        final int[] starts, labels;

        Problem(int rows, int dim, int classes, boolean bias, int off, long seed) {
            this.rows = rows;
            this.dim = dim;
            this.classes = classes;
            this.off = off;
            SplittableRandom rnd = new SplittableRandom(seed);
            u = gaussian(rnd, off, rows * dim, 0.5);
            w = gaussian(rnd, off, classes * dim, 0.3);
            b = bias ? gaussian(rnd, off, classes, 0.2) : null;
            starts = new int[off + rows + 1];
            int[] ids = new int[rows * 7];
            int k = 0;
            starts[off] = 0;
            for (int i = 0; i < rows; i++) {
                int count = i % 4 == 1 ? 0 : 1 + rnd.nextInt(Math.min(7, classes));
                for (int c = 0; c < count; c++) {
                    int id;
                    do id = rnd.nextInt(classes); while (contains(ids, k - c, k, id));
                    ids[k++] = id;
                }
                starts[off + i + 1] = k;
            }
            labels = new int[off + k];
            System.arraycopy(ids, 0, labels, off, k);
        }

        private static boolean contains(int[] a, int from, int to, int v) {
            for (int i = from; i < to; i++) if (a[i] == v) return true;
            return false;
        }

        int count(int i) {
            return starts[off + i + 1] - starts[off + i];
        }

        int label(int i, int k) {
            return labels[off + starts[off + i] + k];
        }
    }

    /** Reference: {loss, lse[rows]} and the gradients dU, dW, dB (of the loss times g). */
    static final class Reference {
        double loss;
        final double[] lse, dU, dW, dB;

        Reference(Problem p, double g) {
            int rows = p.rows, dim = p.dim, classes = p.classes;
            lse = new double[rows];
            dU = new double[rows * dim];
            dW = new double[classes * dim];
            dB = new double[classes];
            double[][] z = new double[rows][classes];
            int count = 0;
            for (int i = 0; i < rows; i++) if (p.count(i) > 0) count++;
            double total = 0;
            for (int i = 0; i < rows; i++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < classes; j++) {
                    double s = p.b == null ? 0 : p.b[p.off + j];
                    for (int d = 0; d < dim; d++) s += (double) p.u[p.off + i * dim + d] * p.w[p.off + j * dim + d];
                    z[i][j] = s;
                    m = Math.max(m, s);
                }
                double e = 0;
                for (int j = 0; j < classes; j++) e += Math.exp(z[i][j] - m);
                lse[i] = m + Math.log(e);
                if (p.count(i) == 0) continue;
                double t = 0;
                for (int k = 0; k < p.count(i); k++) t += z[i][p.label(i, k)];
                total += lse[i] - t / p.count(i);
            }
            loss = count == 0 ? 0 : total / count;
            for (int i = 0; i < rows; i++) {
                if (p.count(i) == 0) continue;
                double[] dz = new double[classes];
                for (int j = 0; j < classes; j++) dz[j] = Math.exp(z[i][j] - lse[i]) * g / count;
                for (int k = 0; k < p.count(i); k++) dz[p.label(i, k)] -= g / count / p.count(i);
                for (int j = 0; j < classes; j++) {
                    dB[j] += dz[j];
                    for (int d = 0; d < dim; d++) {
                        dU[i * dim + d] += dz[j] * p.w[p.off + j * dim + d];
                        dW[j * dim + d] += dz[j] * p.u[p.off + i * dim + d];
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "rows={0} dim={1} classes={2} chunk={3} bias={4} offset={5}")
    @MethodSource("cases")
    void matchesDoubleReference(int rows, int dim, int classes, int chunk, boolean bias, int off) {
        Problem p = new Problem(rows, dim, classes, bias, off, rows * 31L + classes);
        float g = 1.7f;
        Reference ref = new Reference(p, g);
        float[] loss = new float[off + 1], lse = new float[off + rows];
        ChunkedSoftmaxCrossEntropy.forward(loss, off, lse, off, p.u, off, p.w, off, p.b, off, p.starts, off, p.labels,
                off, rows, dim, classes, chunk);
        assertClose("loss", new double[] {ref.loss}, loss, off, 1e-5, 1e-5);
        assertClose("lse", ref.lse, lse, off, 1e-5, 1e-5);

        float[] dU = new float[off + rows * dim], dW = new float[off + classes * dim], dB = new float[off + classes];
        dU[off] = 0.5f; // backward adds: a value already there must stay
        ChunkedSoftmaxCrossEntropy.backward(dU, off, dW, off, bias ? dB : null, off, g, lse, off, p.u, off, p.w, off,
                p.b, off, p.starts, off, p.labels, off, rows, dim, classes, chunk);
        ref.dU[0] += 0.5;
        assertClose("dU", ref.dU, dU, off, 2e-6, 1e-4);
        assertClose("dW", ref.dW, dW, off, 2e-6, 1e-4);
        if (bias) assertClose("dB", ref.dB, dB, off, 2e-6, 1e-4);
    }

    @ParameterizedTest(name = "rows={0} dim={1} classes={2} chunk={3} bias={4} offset={5}")
    @MethodSource("cases")
    void fusedAdamEqualsPlainBackwardThenAdam(int rows, int dim, int classes, int chunk, boolean bias, int off) {
        Problem fused = new Problem(rows, dim, classes, bias, off, 99), plain = new Problem(rows, dim, classes, bias, off, 99);
        int nw = classes * dim;
        float[] mW = new float[nw], vW = new float[nw], mB = new float[classes], vB = new float[classes];
        float[] mW2 = new float[nw], vW2 = new float[nw], mB2 = new float[classes], vB2 = new float[classes];
        float lr = 1e-2f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f, wd = off > 0 ? 0.01f : 0f;
        for (long step = 1; step <= 3; step++) {
            float[] loss = new float[1], lse = new float[rows], loss2 = new float[1], lse2 = new float[rows];
            ChunkedSoftmaxCrossEntropy.forward(loss, 0, lse, 0, fused.u, off, fused.w, off, fused.b, off, fused.starts,
                    off, fused.labels, off, rows, dim, classes, chunk);
            ChunkedSoftmaxCrossEntropy.forward(loss2, 0, lse2, 0, plain.u, off, plain.w, off, plain.b, off, plain.starts,
                    off, plain.labels, off, rows, dim, classes, chunk);
            assertEquals(loss2[0], loss[0], "loss at step " + step);
            float[] dU = new float[rows * dim], dU2 = new float[rows * dim];
            ChunkedSoftmaxCrossEntropy.backwardAdam(dU, 0, 1f, lse, 0, fused.u, off, fused.w, off, mW, 0, vW, 0,
                    fused.b, off, mB, 0, vB, 0, fused.starts, off, fused.labels, off, rows, dim, classes, chunk,
                    lr, b1, b2, eps, wd, step);
            float[] dW = new float[nw], dB = new float[classes];
            ChunkedSoftmaxCrossEntropy.backward(dU2, 0, dW, 0, bias ? dB : null, 0, 1f, lse2, 0, plain.u, off, plain.w,
                    off, plain.b, off, plain.starts, off, plain.labels, off, rows, dim, classes, chunk);
            Adam.step(plain.w, off, dW, 0, mW2, 0, vW2, 0, nw, lr, b1, b2, eps, wd, step);
            if (bias) Adam.step(plain.b, off, dB, 0, mB2, 0, vB2, 0, classes, lr, b1, b2, eps, wd, step);
            assertArrayEquals(dU2, dU, "dU at step " + step);
            assertArrayEquals(plain.w, fused.w, "w at step " + step);
            assertArrayEquals(mW2, mW, "m(w) at step " + step);
            assertArrayEquals(vW2, vW, "v(w) at step " + step);
            if (bias) {
                assertArrayEquals(plain.b, fused.b, "b at step " + step);
                assertArrayEquals(vB2, vB, "v(b) at step " + step);
            }
        }
    }

    /**
     * Parts are fixed by the chunk count, not the thread count: the same call made from inside a
     * pool task (where the kernel's parts all run on one thread) gives the same bits.
     */
    @Test
    void resultDoesNotDependOnWhichThreadsRunTheParts() {
        Problem p = new Problem(20, 40, 3000, true, 0, 5);
        float[][] pooled = runOnce(p, 100), oneThread = new float[4][];
        Parallel.forEach(2, part -> {
            if (part == 0) {
                float[][] r = runOnce(p, 100);
                System.arraycopy(r, 0, oneThread, 0, 4);
            }
        });
        for (int i = 0; i < 4; i++) assertArrayEquals(pooled[i], oneThread[i], "output " + i);
    }

    /** {loss and lse, dU, dW, dB} of one forward and plain backward. */
    private static float[][] runOnce(Problem p, int chunk) {
        float[] fwd = new float[1 + p.rows];
        ChunkedSoftmaxCrossEntropy.forward(fwd, 0, fwd, 1, p.u, 0, p.w, 0, p.b, 0, p.starts, 0, p.labels, 0, p.rows,
                p.dim, p.classes, chunk);
        float[] dU = new float[p.rows * p.dim], dW = new float[p.classes * p.dim], dB = new float[p.classes];
        ChunkedSoftmaxCrossEntropy.backward(dU, 0, dW, 0, dB, 0, 1f, fwd, 1, p.u, 0, p.w, 0, p.b, 0, p.starts, 0,
                p.labels, 0, p.rows, p.dim, p.classes, chunk);
        return new float[][] {fwd, dU, dW, dB};
    }

    @Test
    void noLabelledRowGivesZeroLossAndGradient() {
        int rows = 3, dim = 4, classes = 5;
        float[] u = new float[rows * dim], w = new float[classes * dim];
        for (int i = 0; i < u.length; i++) u[i] = i * 0.1f;
        for (int i = 0; i < w.length; i++) w[i] = 0.3f - i * 0.02f;
        int[] starts = new int[rows + 1], labels = new int[0];
        float[] loss = {7f}, lse = new float[rows], dU = new float[rows * dim], dW = new float[classes * dim];
        ChunkedSoftmaxCrossEntropy.forward(loss, 0, lse, 0, u, 0, w, 0, null, 0, starts, 0, labels, 0, rows, dim, classes, 2);
        assertEquals(0f, loss[0]);
        assertTrue(lse[0] > 0, "lse is still computed");
        ChunkedSoftmaxCrossEntropy.backward(dU, 0, dW, 0, null, 0, 1f, lse, 0, u, 0, w, 0, null, 0, starts, 0, labels, 0,
                rows, dim, classes, 2);
        assertArrayEquals(new float[rows * dim], dU);
        assertArrayEquals(new float[classes * dim], dW);
    }

    @Test
    void badTargetsAreNamed() {
        float[] u = new float[8], w = new float[12], loss = new float[1], lse = new float[2];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChunkedSoftmaxCrossEntropy.forward(
                loss, 0, lse, 0, u, 0, w, 0, null, 0, new int[] {0, 1, 2}, 0, new int[] {1, 3}, 0, 2, 4, 3, 2));
        assertTrue(e.getMessage().contains("label id 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChunkedSoftmaxCrossEntropy.forward(
                loss, 0, lse, 0, u, 0, w, 0, null, 0, new int[] {0, 2, 1}, 0, new int[] {1, 0}, 0, 2, 4, 3, 2));
        assertTrue(e.getMessage().contains("rowStart decreases at row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChunkedSoftmaxCrossEntropy.forward(
                loss, 0, lse, 0, u, 0, w, 0, null, 0, new int[] {0, 1, 2}, 0, new int[] {1, 0}, 0, 2, 4, 4, 2));
        assertTrue(e.getMessage().contains("w needs"), e.getMessage());
    }
}
