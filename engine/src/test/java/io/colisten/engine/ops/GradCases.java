package io.colisten.engine.ops;

import io.colisten.engine.ops.GradCase.Input;

import java.util.ArrayList;
import java.util.List;

import static io.colisten.engine.ops.GradCase.Kind.AWAY_FROM_ZERO;
import static io.colisten.engine.ops.GradCase.Kind.CONST;
import static io.colisten.engine.ops.GradCase.Kind.DISTINCT;
import static io.colisten.engine.ops.GradCase.Kind.GRAD;
import static io.colisten.engine.ops.GradCase.Kind.POSITIVE;
import static io.colisten.engine.ops.GradCase.in;

/**
 * Every differentiable op, with odd sizes, strides > 1, padding, groups (depthwise included) and
 * 7x5 kernels. Tolerances (|a - b| <= atol + rtol |ref|, for the forward and for every gradient):
 * 1e-4 / 1e-3 by default; batch norm (alone or fused with ReLU and max-pool) and the chain
 * 1e-3 / 1e-3 (its backward cancels a mean term computed in float32).
 */
final class GradCases {
    private static final double ATOL = 1e-4, RTOL = 1e-3;
    private static final float BN_EPS = 1e-5f;

    private GradCases() {}

    static List<GradCase> all() {
        List<GradCase> l = new ArrayList<>();
        elementwise(l);
        matmul(l);
        conv(l);
        pool(l);
        norm(l);
        activations(l);
        views(l);
        LossGradCases.add(l);
        return l;
    }

    private static GradCase c(String name, GradCase.EngineFn e, GradCase.RefFn r, Input... inputs) {
        return new GradCase(name, inputs, e, r, ATOL, RTOL);
    }

    private static GradCase c(String name, double atol, double rtol, GradCase.EngineFn e, GradCase.RefFn r,
                              Input... inputs) {
        return new GradCase(name, inputs, e, r, atol, rtol);
    }

    private static void elementwise(List<GradCase> l) {
        l.add(c("add 3x5", t -> Ops.add(t[0], t[1]), x -> RefOps.add(x[0], x[1], 1), in(GRAD, 3, 5), in(GRAD, 3, 5)));
        l.add(c("sub 7", t -> Ops.sub(t[0], t[1]), x -> RefOps.add(x[0], x[1], -1), in(GRAD, 7), in(GRAD, 7)));
        l.add(c("mul 2x3x5", t -> Ops.mul(t[0], t[1]), x -> RefOps.mul(x[0], x[1]), in(GRAD, 2, 3, 5), in(GRAD, 2, 3, 5)));
        l.add(c("scale 4x3", t -> Ops.scale(t[0], -1.7f), x -> RefOps.scale(x[0], -1.7f), in(GRAD, 4, 3)));
        l.add(c("addRowBias 5x7", t -> Ops.addRowBias(t[0], t[1]), x -> RefOps.addRowBias(x[0], x[1]),
                in(GRAD, 5, 7), in(GRAD, 7)));
        l.add(c("addChannelBias 2x3x4x5", t -> Ops.addChannelBias(t[0], t[1]), x -> RefOps.addChannelBias(x[0], x[1], 20),
                in(GRAD, 2, 3, 4, 5), in(GRAD, 3)));
        l.add(c("sum 3x7", t -> Ops.sum(t[0]), x -> RefOps.sum(x[0]), in(GRAD, 3, 7)));
        l.add(c("mean 2x3x5", t -> Ops.mean(t[0]), x -> RefOps.scale(RefOps.sum(x[0]), 1.0 / 30), in(GRAD, 2, 3, 5)));
        // Fan-out: x feeds three uses; gradients must accumulate.
        l.add(c("fan-out x*x + x", t -> Ops.add(Ops.mul(t[0], t[0]), t[0]),
                x -> RefOps.add(RefOps.mul(x[0], x[0]), x[0], 1), in(GRAD, 4, 3)));
    }

    private static void matmul(List<GradCase> l) {
        int m = 5, n = 3, k = 7;
        for (int f = 0; f < 4; f++) {
            boolean ta = (f & 2) != 0, tb = (f & 1) != 0;
            int[] as = ta ? new int[] {k, m} : new int[] {m, k};
            int[] bs = tb ? new int[] {n, k} : new int[] {k, n};
            l.add(c("matmul " + (ta ? "t" : "n") + (tb ? "t" : "n") + " 5x3x7", t -> Ops.matmul(t[0], t[1], ta, tb),
                    x -> RefOps.matmul(x[0], x[1], m, n, k, ta, tb), in(GRAD, as), in(GRAD, bs)));
        }
        l.add(c("linear 5x7 -> 3", t -> Ops.linear(t[0], t[1], t[2]), x -> RefOps.linear(x[0], x[1], x[2], 5, 7, 3),
                in(GRAD, 5, 7), in(GRAD, 3, 7), in(GRAD, 3)));
        l.add(c("linear no bias 4x9 -> 6", t -> Ops.linear(t[0], t[1], null), x -> RefOps.linear(x[0], x[1], null, 4, 9, 6),
                in(GRAD, 4, 9), in(GRAD, 6, 9)));
        l.add(c("linear rank 3 2x3x5 -> 4", t -> Ops.linear(t[0], t[1], t[2]), x -> RefOps.linear(x[0], x[1], x[2], 6, 5, 4),
                in(GRAD, 2, 3, 5), in(GRAD, 4, 5), in(GRAD, 4)));
    }

    /** conv2d(x[n, cIn, h, w], w[cOut, cIn / g, kh, kw]) with bias unless noted. */
    private static void conv(List<GradCase> l) {
        conv(l, "conv 3x3 pad 1", 2, 3, 6, 5, 4, 3, 3, 1, 1, 1, 1, 1, true);
        conv(l, "conv 7x5 stride 2x1 pad 3x2", 2, 2, 11, 8, 3, 7, 5, 2, 1, 3, 2, 1, true);
        conv(l, "conv 3x2 stride 2x2 odd no bias", 1, 3, 9, 7, 5, 3, 2, 2, 2, 0, 0, 1, false);
        conv(l, "conv groups 2", 2, 4, 7, 6, 6, 3, 3, 1, 1, 1, 1, 2, true);
        conv(l, "conv depthwise 5x3 stride 2x1 pad 2x1", 2, 3, 8, 7, 3, 5, 3, 2, 1, 2, 1, 3, true);
        conv(l, "conv depthwise multiplier 2", 1, 2, 5, 6, 4, 3, 3, 1, 2, 1, 1, 2, false);
        conv(l, "conv 1x1", 2, 5, 3, 4, 4, 1, 1, 1, 1, 0, 0, 1, true);
    }

    private static void conv(List<GradCase> l, String name, int n, int cIn, int h, int w, int cOut, int kh, int kw,
                             int sh, int sw, int ph, int pw, int groups, boolean bias) {
        Input x = in(GRAD, n, cIn, h, w), wt = in(GRAD, cOut, cIn / groups, kh, kw);
        if (bias) {
            l.add(c(name, t -> Ops.conv2d(t[0], t[1], t[2], sh, sw, ph, pw, groups),
                    v -> RefOps.conv2d(v[0], v[1], v[2], n, cIn, h, w, cOut, kh, kw, sh, sw, ph, pw, groups),
                    x, wt, in(GRAD, cOut)));
        } else {
            l.add(c(name, t -> Ops.conv2d(t[0], t[1], null, sh, sw, ph, pw, groups),
                    v -> RefOps.conv2d(v[0], v[1], null, n, cIn, h, w, cOut, kh, kw, sh, sw, ph, pw, groups), x, wt));
        }
    }

    private static void pool(List<GradCase> l) {
        l.add(c("maxPool 2x2 stride 2 odd width", t -> Ops.maxPool2d(t[0], 2, 2, 2, 2, 0, 0),
                x -> RefOps.maxPool2d(x[0], 6, 6, 7, 2, 2, 2, 2, 0, 0), in(DISTINCT, 2, 3, 6, 7)));
        l.add(c("maxPool 4x2 stride 2x1", t -> Ops.maxPool2d(t[0], 4, 2, 2, 1, 0, 0),
                x -> RefOps.maxPool2d(x[0], 2, 11, 6, 4, 2, 2, 1, 0, 0), in(DISTINCT, 1, 2, 11, 6)));
        l.add(c("maxPool 3x3 stride 2 pad 1", t -> Ops.maxPool2d(t[0], 3, 3, 2, 2, 1, 1),
                x -> RefOps.maxPool2d(x[0], 4, 7, 5, 3, 3, 2, 2, 1, 1), in(DISTINCT, 2, 2, 7, 5)));
        l.add(c("globalAvgPool 2x3x4x5", t -> Ops.globalAvgPool(t[0]), x -> RefOps.globalAvgPool(x[0], 6, 20),
                in(GRAD, 2, 3, 4, 5)));
        l.add(c("globalMaxPool 2x3x5x3", t -> Ops.globalMaxPool(t[0]), x -> RefOps.globalMaxPool(x[0], 6, 15),
                in(DISTINCT, 2, 3, 5, 3)));
    }

    private static void norm(List<GradCase> l) {
        l.add(c("batchNorm train 3x4x5x2", 1e-3, 1e-3,
                t -> Ops.batchNorm2d(t[0], t[1], t[2], null, null, true, 0.1f, BN_EPS),
                x -> RefOps.batchNormTrain(x[0], x[1], x[2], 3, 4, 10, BN_EPS),
                in(GRAD, 3, 4, 5, 2), in(GRAD, 4), in(GRAD, 4)));
        l.add(c("batchNorm train no affine 4x3x3x3", 1e-3, 1e-3,
                t -> Ops.batchNorm2d(t[0], null, null, null, null, true, 0.1f, BN_EPS),
                x -> RefOps.batchNormTrain(x[0], null, null, 4, 3, 9, BN_EPS), in(GRAD, 4, 3, 3, 3)));
        l.add(c("batchNorm train rank 2 6x5", 1e-3, 1e-3,
                t -> Ops.batchNorm2d(t[0], t[1], t[2], null, null, true, 0.1f, BN_EPS),
                x -> RefOps.batchNormTrain(x[0], x[1], x[2], 6, 5, 1, BN_EPS), in(GRAD, 6, 5), in(GRAD, 5), in(GRAD, 5)));
        l.add(c("batchNormReLU train 3x4x5x2", 1e-3, 1e-3,
                t -> BatchNormReluOps.batchNormReLU(t[0], t[1], t[2], null, null, 0.1f, BN_EPS),
                x -> RefOps.relu(RefOps.batchNormTrain(x[0], x[1], x[2], 3, 4, 10, BN_EPS)),
                in(GRAD, 3, 4, 5, 2), in(GRAD, 4), in(GRAD, 4)));
        l.add(c("batchNormReLUMaxPool 4x2 stride 2x1", 1e-3, 1e-3,
                t -> BatchNormReluOps.batchNormReLUMaxPool(t[0], t[1], t[2], null, null, 0.1f, BN_EPS, 4, 2, 2, 1, 0, 0),
                x -> RefOps.maxPool2d(RefOps.relu(RefOps.batchNormTrain(x[0], x[1], x[2], 2, 3, 54, BN_EPS)),
                        6, 9, 6, 4, 2, 2, 1, 0, 0),
                in(DISTINCT, 2, 3, 9, 6), in(GRAD, 3), in(GRAD, 3)));
        l.add(c("batchNorm eval 2x3x4x4", t -> Ops.batchNorm2d(t[0], t[1], t[2], t[3], t[4], false, 0.1f, BN_EPS),
                x -> RefOps.affine(x[0], x[1], x[2], x[3], x[4], 2, 3, 16, BN_EPS),
                in(GRAD, 2, 3, 4, 4), in(GRAD, 3), in(GRAD, 3), in(CONST, 3), in(POSITIVE, 3)));
    }

    private static void activations(List<GradCase> l) {
        l.add(c("relu 3x17", t -> Ops.relu(t[0]), x -> RefOps.relu(x[0]), in(AWAY_FROM_ZERO, 3, 17)));
        l.add(c("softmax 4x7", t -> Ops.softmax(t[0]), x -> RefOps.softmax(x[0], 7, false), in(GRAD, 4, 7)));
        l.add(c("logSoftmax 3x11", t -> Ops.logSoftmax(t[0]), x -> RefOps.softmax(x[0], 11, true), in(GRAD, 3, 11)));
        l.add(c("logSoftmax 2x3x5", t -> Ops.logSoftmax(t[0]), x -> RefOps.softmax(x[0], 5, true), in(GRAD, 2, 3, 5)));
        l.add(c("l2Normalize 5x9", t -> Ops.l2Normalize(t[0]), x -> RefOps.l2Normalize(x[0], 9, 1e-12), in(GRAD, 5, 9)));
        l.add(c("l2Normalize 2x33", t -> Ops.l2Normalize(t[0]), x -> RefOps.l2Normalize(x[0], 33, 1e-12), in(GRAD, 2, 33)));
    }

    private static void views(List<GradCase> l) {
        // A view alone is linear; mul by itself makes the gradient depend on the routing.
        l.add(c("reshape 2x3x4 -> 4x-1", t -> Ops.mul(Ops.reshape(t[0], 4, -1), Ops.reshape(t[1], 4, 6)),
                x -> RefOps.mul(x[0], x[1]), in(GRAD, 2, 3, 4), in(GRAD, 6, 4)));
        l.add(c("flatten 2x3x2x5 into linear", t -> Ops.linear(Ops.flatten(Ops.relu(t[0])), t[1], null),
                x -> RefOps.linear(RefOps.relu(x[0]), x[1], null, 2, 30, 3), in(AWAY_FROM_ZERO, 2, 3, 2, 5), in(GRAD, 3, 30)));
        // A smooth chain through the fused ops and a view: conv -> bn -> pool -> flatten -> linear -> l2 -> logSoftmax.
        l.add(c("chain conv-bn-gap-linear-l2-logSoftmax", 1e-3, 1e-3,
                t -> Ops.logSoftmax(Ops.l2Normalize(Ops.linear(Ops.flatten(Ops.globalAvgPool(
                        Ops.batchNorm2d(Ops.conv2d(t[0], t[1], t[2], 2, 1, 3, 2, 1), t[3], t[4], null, null, true,
                                0.1f, BN_EPS))), t[5], t[6]))),
                x -> {
                    double[] y = RefOps.conv2d(x[0], x[1], x[2], 2, 1, 9, 6, 3, 7, 5, 2, 1, 3, 2, 1); // -> 2x3x5x6
                    y = RefOps.batchNormTrain(y, x[3], x[4], 2, 3, 30, BN_EPS);
                    y = RefOps.globalAvgPool(y, 6, 30);
                    y = RefOps.linear(y, x[5], x[6], 2, 3, 4);
                    return RefOps.softmax(RefOps.l2Normalize(y, 4, 1e-12), 4, true);
                },
                in(GRAD, 2, 1, 9, 6), in(GRAD, 3, 1, 7, 5), in(GRAD, 3), in(GRAD, 3), in(GRAD, 3), in(GRAD, 4, 3),
                in(GRAD, 4)));
    }
}
