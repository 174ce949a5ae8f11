package io.colisten.engine.cuda;

import static io.colisten.engine.cuda.BackendParity.both;
import static io.colisten.engine.cuda.BackendParity.close;
import static io.colisten.engine.cuda.BackendParity.same;

import io.colisten.engine.Backend;
import io.colisten.engine.IndexBuffer;
import io.colisten.engine.Tensor;
import io.colisten.kernels.cpu.Conv2dShape;
import io.colisten.kernels.cpu.Pool2dShape;

import org.junit.jupiter.api.Test;

/**
 * Every Backend method on a target backend against the CPU backend, on random inputs at non-zero
 * offsets. Tolerances (relative, see BackendParity.close): element-wise 1e-6; reductions and
 * row-wise ops 1e-5 (another summation order); matrix products, convolutions, batch norm and the
 * losses built on them 1e-4 (fp32 with other blockings: cuBLAS / cuDNN in exact fp32 mode);
 * winners (argmax) exactly. Subclasses name the target: the CUDA backend (skipped without a GPU),
 * or a second CPU backend, which runs this harness everywhere.
 */
abstract class BackendParityCases {
    abstract Backend target();

    private BackendParity p(long seed) {
        return new BackendParity(target(), seed);
    }

    @Test
    void elementwise() {
        BackendParity p = p(1);
        int n = 1000;
        Tensor[] a = p.random(n), b = p.random(n), out = p.zeros(n), y = p.random(n);
        both(i -> p.pick(i).add(out[i], a[i], b[i]));
        close("add", out, 1e-6);
        both(i -> p.pick(i).sub(out[i], a[i], b[i]));
        close("sub", out, 1e-6);
        both(i -> p.pick(i).mul(out[i], a[i], b[i]));
        close("mul", out, 1e-6);
        both(i -> p.pick(i).scale(out[i], a[i], -1.7f));
        close("scale", out, 1e-6);
        both(i -> p.pick(i).axpy(y[i], 0.3f, a[i]));
        close("axpy", y, 1e-6);
        both(i -> p.pick(i).mulAdd(y[i], a[i], b[i]));
        close("mulAdd", y, 1e-6);
        both(i -> p.pick(i).fill(out[i], 2.5f));
        close("fill", out, 0);
        both(i -> p.pick(i).copy(out[i], a[i]));
        close("copy", out, 0);
        Tensor[] m = p.random(20, 50), bias = p.random(50), planes = p.random(3, 5, 40), cb = p.random(5);
        both(i -> p.pick(i).addRowBias(m[i], bias[i], 20, 50));
        close("addRowBias", m, 1e-6);
        both(i -> p.pick(i).addChannelBias(planes[i], cb[i], 3, 5, 40));
        close("addChannelBias", planes, 1e-6);
        both(i -> p.pick(i).reluForward(out[i], a[i]));
        close("relu", out, 0);
        Tensor[] d = p.random(n);
        both(i -> p.pick(i).reluBackward(d[i], b[i], out[i]));
        close("reluBackward", d, 1e-6);
        Tensor[] z = p.random(n), t = p.positive(n), loss = p.zeros(n), dz = p.random(n);
        both(i -> p.pick(i).sigmoidXentForward(loss[i], z[i], t[i]));
        close("sigmoidXentForward", loss, 1e-6);
        both(i -> p.pick(i).sigmoidXentBackward(dz[i], b[i], z[i], t[i]));
        close("sigmoidXentBackward", dz, 1e-6);
    }

    @Test
    void reductions() {
        BackendParity p = p(2);
        Tensor[] a = p.random(100_003), s = p.zeros(1);
        both(i -> p.pick(i).sum(s[i], a[i]));
        close("sum", s, 1e-5 * 300); // 1e5 terms of |x| <= 1 in float: the sum's rounding is ~sqrt(n) ulps of the total
        Tensor[] m = p.random(33, 70), cols = p.random(70), planes = p.random(4, 6, 51), ch = p.random(6);
        both(i -> p.pick(i).sumColumns(cols[i], m[i], 33, 70));
        close("sumColumns", cols, 1e-5);
        both(i -> p.pick(i).sumChannels(ch[i], planes[i], 4, 6, 51));
        close("sumChannels", ch, 1e-5);
        Tensor[] avg = p.zeros(4, 6), mx = p.zeros(4, 6), g = p.random(4, 6), d = p.random(4, 6, 51);
        IndexBuffer[] arg = p.indexBuffers(24);
        both(i -> p.pick(i).globalAvgPoolForward(avg[i], planes[i], 4, 6, 51));
        close("globalAvgPool", avg, 1e-5);
        both(i -> p.pick(i).globalAvgPoolBackward(d[i], g[i], 4, 6, 51));
        close("globalAvgPoolBackward", d, 1e-6);
        both(i -> p.pick(i).globalMaxPoolForward(mx[i], arg[i], planes[i], 4, 6, 51));
        close("globalMaxPool", mx, 0);
        same("globalMaxPool argmax", arg, 24);
        both(i -> p.pick(i).globalMaxPoolBackward(d[i], g[i], arg[i], 4, 6, 51));
        close("globalMaxPoolBackward", d, 1e-6);
    }

    @Test
    void matmul() {
        BackendParity p = p(3);
        int m = 37, n = 53, k = 129;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Tensor[] a = ta ? p.random(k, m) : p.random(m, k), b = tb ? p.random(n, k) : p.random(k, n);
                Tensor[] c = p.random(m, n);
                both(i -> p.pick(i).matmul(ta, tb, m, n, k, 0.7f, a[i], b[i], 0.5f, c[i]));
                close("matmul transA=" + ta + " transB=" + tb, c, 1e-4);
                both(i -> p.pick(i).matmul(ta, tb, m, n, k, 1f, a[i], b[i], 0f, c[i]));
                close("matmul beta=0 transA=" + ta + " transB=" + tb, c, 1e-4);
            }
        }
    }

    @Test
    void convolutions() {
        BackendParity p = p(4);
        Conv2dShape[] shapes = {
            new Conv2dShape(4, 1, 30, 16, 8, 7, 5, 2, 1, 3, 2, 1),  // the SmallCNN stem: 7x5, stride 2x1
            new Conv2dShape(2, 8, 9, 7, 16, 3, 3, 1, 1, 1, 1, 1),   // 3x3, same padding
            new Conv2dShape(2, 8, 9, 7, 8, 3, 3, 2, 2, 1, 1, 8),    // depthwise, stride 2
            new Conv2dShape(3, 6, 5, 5, 4, 1, 1, 1, 1, 0, 0, 2),    // grouped 1x1
        };
        for (Conv2dShape s : shapes) {
            int[] in = {s.n(), s.cIn(), s.h(), s.w()}, out = {s.n(), s.cOut(), s.outH(), s.outW()};
            int[] w = {s.cOut(), s.cInPerGroup(), s.kh(), s.kw()};
            Tensor[] x = p.random(in), wt = p.random(w), b = p.random(s.cOut()), y = p.zeros(out), dy = p.random(out);
            Tensor[] dx = p.random(in), dw = p.random(w), db = p.random(s.cOut());
            both(i -> p.pick(i).conv2dForward(y[i], x[i], wt[i], b[i], s));
            close("conv2dForward " + s, y, 1e-4);
            both(i -> p.pick(i).conv2dForwardInference(y[i], x[i], wt[i], null, s));
            close("conv2dForwardInference " + s, y, 1e-4);
            both(i -> p.pick(i).conv2dBackwardData(dx[i], dy[i], wt[i], s));
            close("conv2dBackwardData " + s, dx, 1e-4);
            both(i -> p.pick(i).conv2dBackwardDataInto(dx[i], dy[i], wt[i], s));
            close("conv2dBackwardDataInto " + s, dx, 1e-4);
            both(i -> p.pick(i).conv2dBackwardFilter(dw[i], db[i], dy[i], x[i], s));
            close("conv2dBackwardFilter " + s, dw, 1e-4);
            close("conv2dBackwardFilter bias " + s, db, 1e-5);
        }
    }

    @Test
    void maxPool() {
        BackendParity p = p(5);
        for (Pool2dShape s : new Pool2dShape[] {new Pool2dShape(2, 3, 13, 9, 4, 2, 2, 1, 0, 0),
                                                new Pool2dShape(2, 3, 8, 8, 3, 3, 2, 2, 1, 1)}) {
            int[] in = {s.n(), s.c(), s.h(), s.w()}, out = {s.n(), s.c(), s.outH(), s.outW()};
            Tensor[] x = p.random(in), y = p.zeros(out), dy = p.random(out), dx = p.random(in);
            IndexBuffer[] arg = p.indexBuffers(s.outputSize());
            both(i -> p.pick(i).maxPool2dForward(y[i], arg[i], x[i], s));
            close("maxPool2d " + s, y, 0);
            same("maxPool2d argmax " + s, arg, s.outputSize());
            both(i -> p.pick(i).maxPool2dBackward(dx[i], dy[i], arg[i], s));
            close("maxPool2dBackward " + s, dx, 1e-6);
        }
    }

    @Test
    void batchNorm() {
        BackendParity p = p(6);
        int n = 4, c = 6, hw = 35;
        Tensor[] x = p.random(n, c, hw), out = p.zeros(n, c, hw), mean = p.channelZeros(c), rstd = p.channelZeros(c);
        Tensor[] g = p.channelRandom(c), b = p.channelRandom(c), rm = p.channelRandom(c), rv = p.channelPositive(c);
        both(i -> p.pick(i).batchNormTrain(out[i], mean[i], rstd[i], x[i], g[i], b[i], rm[i], rv[i], 0.1f, 1e-5f, n, c, hw));
        close("batchNormTrain", out, 1e-4);
        close("batchNormTrain mean", mean, 1e-5);
        close("batchNormTrain rstd", rstd, 1e-4);
        close("batchNormTrain runningMean", rm, 1e-5);
        close("batchNormTrain runningVar", rv, 1e-4);
        both(i -> p.pick(i).batchNormTrain(out[i], mean[i], rstd[i], x[i], null, null, null, null, 0.1f, 1e-5f, n, c, hw));
        close("batchNormTrain without affine or running stats", out, 1e-4);
        both(i -> p.pick(i).batchNormEval(out[i], x[i], g[i], b[i], rm[i], rv[i], 1e-5f, n, c, hw));
        close("batchNormEval", out, 1e-5);
        Tensor[] dy = p.random(n, c, hw), dx = p.random(n, c, hw), dg = p.channelRandom(c), db = p.channelRandom(c);
        both(i -> p.pick(i).batchNormBackward(dx[i], dg[i], db[i], dy[i], x[i], mean[i], rstd[i], g[i], n, c, hw));
        close("batchNormBackward dIn", dx, 1e-4);
        close("batchNormBackward dGamma", dg, 1e-4);
        close("batchNormBackward dBeta", db, 1e-4);
        both(i -> p.pick(i).batchNormBackward(dx[i], null, db[i], dy[i], x[i], mean[i], rstd[i], null, n, c, hw));
        close("batchNormBackward without gamma", dx, 1e-4);
        close("batchNormBackward without gamma dBeta", db, 1e-4);
        both(i -> p.pick(i).batchNormEvalBackward(dx[i], dg[i], db[i], dy[i], x[i], g[i], rm[i], rv[i], 1e-5f, n, c, hw));
        close("batchNormEvalBackward dIn", dx, 1e-5);
        close("batchNormEvalBackward dGamma", dg, 1e-4);
        close("batchNormEvalBackward dBeta", db, 1e-4);
    }

    @Test
    void batchNormReluAndPool() {
        BackendParity p = p(7);
        Pool2dShape s = new Pool2dShape(2, 4, 12, 8, 4, 2, 2, 1, 0, 0);
        int n = s.n(), c = s.c(), hw = s.h() * s.w();
        int[] in = {n, c, s.h(), s.w()}, pooled = {n, c, s.outH(), s.outW()};
        Tensor[] x = p.random(in), out = p.zeros(in), mean = p.channelZeros(c), rstd = p.channelZeros(c);
        Tensor[] g = p.channelRandom(c), b = p.channelRandom(c), rm = p.channelRandom(c), rv = p.channelPositive(c);
        both(i -> p.pick(i).batchNormReluTrain(out[i], mean[i], rstd[i], x[i], g[i], b[i], rm[i], rv[i], 0.1f, 1e-5f, n, c, hw));
        close("batchNormReluTrain", out, 1e-4);
        Tensor[] dy = p.random(in), dx = p.random(in), dg = p.channelRandom(c), db = p.channelRandom(c);
        both(i -> p.pick(i).batchNormReluBackward(dx[i], dg[i], db[i], dy[i], x[i], mean[i], rstd[i], g[i], b[i], true, n, c, hw));
        close("batchNormReluBackward accumulate", dx, 1e-4);
        close("batchNormReluBackward dGamma", dg, 1e-4);
        close("batchNormReluBackward dBeta", db, 1e-4);
        both(i -> p.pick(i).batchNormReluBackward(dx[i], null, null, dy[i], x[i], mean[i], rstd[i], g[i], b[i], false, n, c, hw));
        close("batchNormReluBackward overwrite", dx, 1e-4);
        Tensor[] y = p.zeros(pooled), dp = p.random(pooled);
        IndexBuffer[] arg = p.indexBuffers(s.outputSize());
        both(i -> p.pick(i).batchNormReluMaxPoolTrain(y[i], arg[i], mean[i], rstd[i], x[i], g[i], b[i], rm[i], rv[i], 0.1f,
                1e-5f, s));
        close("batchNormReluMaxPoolTrain", y, 1e-4);
        both(i -> p.pick(i).batchNormReluMaxPoolBackward(dx[i], dg[i], db[i], dp[i], arg[i], x[i], mean[i], rstd[i], g[i],
                b[i], true, s));
        close("batchNormReluMaxPoolBackward", dx, 1e-4);
        close("batchNormReluMaxPoolBackward dGamma", dg, 1e-4);
    }

    @Test
    void rows() {
        BackendParity p = p(8);
        int rows = 7, cols = 300;
        Tensor[] x = p.random(rows, cols), y = p.zeros(rows, cols), dy = p.random(rows, cols), dx = p.random(rows, cols);
        both(i -> p.pick(i).softmaxForward(y[i], x[i], rows, cols));
        close("softmax", y, 1e-5);
        both(i -> p.pick(i).softmaxBackward(dx[i], dy[i], y[i], rows, cols));
        close("softmaxBackward", dx, 1e-5);
        both(i -> p.pick(i).logSoftmaxForward(y[i], x[i], rows, cols));
        close("logSoftmax", y, 1e-5);
        both(i -> p.pick(i).logSoftmaxBackward(dx[i], dy[i], y[i], rows, cols));
        close("logSoftmaxBackward", dx, 1e-5);
        Tensor[] norms = p.zeros(rows);
        both(i -> p.pick(i).l2NormalizeForward(y[i], norms[i], x[i], rows, cols, 1e-12f));
        close("l2Normalize", y, 1e-5);
        close("l2Normalize norms", norms, 1e-5);
        both(i -> p.pick(i).l2NormalizeBackward(dx[i], dy[i], y[i], norms[i], rows, cols, 1e-12f));
        close("l2NormalizeBackward", dx, 1e-5);
    }

    @Test
    void triplet() {
        BackendParity p = p(9);
        int rows = 9, neg = 7, dim = 16;
        Tensor[] a = p.random(rows, dim), pos = p.random(rows, dim), n = p.random(neg, dim);
        Tensor[] dist = p.zeros(rows, neg), rd = p.zeros(rows), hinge = p.zeros(rows), dh = p.random(rows);
        both(i -> p.pick(i).squaredDistances(dist[i], a[i], n[i], rows, neg, dim));
        close("squaredDistances", dist, 1e-5);
        both(i -> p.pick(i).rowDistances(rd[i], a[i], pos[i], rows, dim));
        close("rowDistances", rd, 1e-5);
        int[] choice = new int[rows];
        for (int r = 0; r < rows; r++) choice[r] = r % 3; // shared negatives: their gradients add up
        IndexBuffer[] ch = p.indices(choice);
        both(i -> p.pick(i).tripletForward(hinge[i], a[i], pos[i], n[i], ch[i], rows, neg, dim, 2f));
        close("tripletForward", hinge, 1e-5);
        Tensor[] da = p.random(rows, dim), dp = p.random(rows, dim), dn = p.random(neg, dim);
        both(i -> p.pick(i).tripletBackward(da[i], dp[i], dn[i], dh[i], hinge[i], a[i], pos[i], n[i], ch[i], rows, neg, dim));
        close("tripletBackward dA", da, 1e-5);
        close("tripletBackward dP", dp, 1e-5);
        close("tripletBackward dN", dn, 1e-5);
    }

    @Test
    void softmaxCrossEntropy() {
        for (int classes : new int[] {50, 20_000}) { // 20,000: two GPU chunks (CudaSoftmaxXent.MIN_CHUNK)
            BackendParity p = p(10 + classes);
            int rows = 5, dim = 8, chunk = classes > 1000 ? 1024 : 16;
            int[] rowStart = {0, 2, 2, 3, 5, 6};   // row 1 has no labels
            int[] labels = {1, classes - 1, 7, 0, classes / 2, 3};
            IndexBuffer[] rs = p.indices(rowStart), lb = p.indices(labels);
            Tensor[] u = p.random(rows, dim), w = p.random(classes, dim), b = p.random(classes);
            Tensor[] loss = p.zeros(1), lse = p.zeros(rows), dLoss = p.pair(new float[] {0.8f}, 1);
            both(i -> p.pick(i).softmaxXentForward(loss[i], lse[i], u[i], w[i], b[i], rs[i], lb[i], rows, dim, classes, chunk));
            close("softmaxXent loss " + classes, loss, 1e-4);
            close("softmaxXent lse " + classes, lse, 1e-5);
            Tensor[] du = p.random(rows, dim), dw = p.random(classes, dim), db = p.random(classes);
            both(i -> p.pick(i).softmaxXentBackward(du[i], dw[i], db[i], dLoss[i], lse[i], u[i], w[i], b[i], rs[i], lb[i],
                    rows, dim, classes, chunk));
            close("softmaxXentBackward dU " + classes, du, 1e-4);
            close("softmaxXentBackward dW " + classes, dw, 1e-4);
            close("softmaxXentBackward dB " + classes, db, 1e-4);
            Tensor[] mw = p.random(classes, dim), vw = p.positive(classes, dim), mb = p.random(classes), vb = p.positive(classes);
            both(i -> p.pick(i).softmaxXentBackwardAdam(du[i], dLoss[i], lse[i], u[i], w[i], mw[i], vw[i], b[i], mb[i], vb[i],
                    rs[i], lb[i], rows, dim, classes, chunk, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, 3));
            close("softmaxXentBackwardAdam dU " + classes, du, 1e-4);
            close("softmaxXentBackwardAdam w " + classes, w, 1e-4);
            close("softmaxXentBackwardAdam vW " + classes, vw, 1e-4);
            close("softmaxXentBackwardAdam b " + classes, b, 1e-4);
        }
    }

    @Test
    void adam() {
        BackendParity p = p(11);
        int n = 5000;
        Tensor[] w = p.random(n), g = p.random(n), m = p.random(n), v = p.positive(n);
        for (long step = 1; step <= 3; step++) {
            long s = step;
            both(i -> p.pick(i).adamStep(w[i], g[i], m[i], v[i], 1e-3f, 0.9f, 0.999f, 1e-8f, s == 2 ? 0.01f : 0f, s));
        }
        close("adam param", w, 1e-6);
        close("adam m", m, 1e-6);
        close("adam v", v, 1e-6);
    }
}
