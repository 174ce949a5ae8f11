package io.colisten.engine.cuda;

import java.util.HashMap;
import java.util.Map;

import io.colisten.kernels.cpu.Conv2dShape;
import io.colisten.kernels.cuda.Cudnn;

/**
 * cuDNN descriptors and chosen algorithms per convolution shape, made on first use and kept (a
 * network has a handful of shapes; the heuristics query costs far more than a step's launch).
 * Also the batch-norm descriptors per (n, c, hw).
 */
final class ConvPlans {
    /** Workspace limit for an algorithm; algorithms asking for more are skipped. */
    static final long MAX_WORKSPACE = 512L << 20;

    /** One convolution's descriptors; the algorithms are chosen lazily per direction. */
    static final class Plan {
        final long x, w, y, conv;
        Cudnn.Algo forward, backwardData, backwardFilter;

        Plan(Cudnn dnn, Conv2dShape s) {
            x = dnn.tensor4d(s.n(), s.cIn(), s.h(), s.w());
            w = dnn.filter4d(s.cOut(), s.cInPerGroup(), s.kh(), s.kw());
            y = dnn.tensor4d(s.n(), s.cOut(), s.outH(), s.outW());
            conv = dnn.convolution(s.padH(), s.padW(), s.strideH(), s.strideW(), s.groups(), CudaLibraries.convMathType());
        }
    }

    /** Batch-norm descriptors: x as n x c x hw x 1, the per-channel vectors as 1 x c x 1 x 1. */
    record NormPlan(long x, long channel) {}

    private record NormKey(int n, int c, int hw) {}

    private final CudaLibraries libs;
    private final Map<Conv2dShape, Plan> plans = new HashMap<>();
    private final Map<NormKey, NormPlan> norms = new HashMap<>();

    ConvPlans(CudaLibraries libs) {
        this.libs = libs;
    }

    synchronized Plan plan(Conv2dShape s) {
        Cudnn dnn = libs.cudnn(); // opens libcudnn.so.9 (or says it is missing)
        return plans.computeIfAbsent(s, k -> new Plan(dnn, k));
    }

    synchronized Cudnn.Algo forward(Plan p) {
        if (p.forward == null) p.forward = libs.cudnn().forwardAlgorithm(p.x, p.w, p.conv, p.y, MAX_WORKSPACE);
        return p.forward;
    }

    synchronized Cudnn.Algo backwardData(Plan p) {
        if (p.backwardData == null) p.backwardData = libs.cudnn().backwardDataAlgorithm(p.w, p.y, p.conv, p.x, MAX_WORKSPACE);
        return p.backwardData;
    }

    synchronized Cudnn.Algo backwardFilter(Plan p) {
        if (p.backwardFilter == null) {
            p.backwardFilter = libs.cudnn().backwardFilterAlgorithm(p.x, p.y, p.conv, p.w, MAX_WORKSPACE);
        }
        return p.backwardFilter;
    }

    synchronized NormPlan norm(int n, int c, int hw) {
        Cudnn dnn = libs.cudnn();
        return norms.computeIfAbsent(new NormKey(n, c, hw),
                k -> new NormPlan(dnn.tensor4d(n, c, hw, 1), dnn.tensor4d(1, c, 1, 1)));
    }
}
