package io.colisten.engine.cuda;

import static io.colisten.engine.cuda.CudaBackend.p;

import java.util.HashMap;
import java.util.Map;

import io.colisten.engine.Tensor;

/**
 * Batch normalisation on cuDNN (spatial mode, PyTorch's convention: biased batch variance for the
 * output, unbiased for the running variance, running = (1 - momentum) running + momentum batch,
 * saved rstd = 1 / sqrt(var + eps)). cuDNN always takes a scale and a bias and writes both
 * parameter gradients: absent gamma / beta become cached ones / zeros vectors, absent gradients a
 * scratch vector.
 */
final class CudaNorm {
    private final CudaBackend be;
    private final Map<Integer, Tensor> ones = new HashMap<>(), zeros = new HashMap<>();

    CudaNorm(CudaBackend be) {
        this.be = be;
    }

    private synchronized Tensor constant(Map<Integer, Tensor> cache, int c, float value) {
        return cache.computeIfAbsent(c, k -> {
            Tensor t = new Tensor(be, be.allocate(c), 0, new int[] {c});
            be.fill(t, value);
            return t;
        });
    }

    void train(Tensor out, Tensor saveMean, Tensor saveRstd, Tensor in, Tensor gamma, Tensor beta, Tensor runningMean,
               Tensor runningVar, float momentum, float eps, int n, int c, int hw) {
        ConvPlans.NormPlan d = be.plans.norm(n, c, hw);
        long scale = gamma == null ? p(constant(ones, c, 1f)) : p(gamma);
        long bias = beta == null ? p(constant(zeros, c, 0f)) : p(beta);
        boolean running = runningMean != null && runningVar != null;
        be.libs.cudnn().batchNormTrain(d.x(), p(in), p(out), d.channel(), scale, bias, momentum,
                running ? p(runningMean) : 0L, running ? p(runningVar) : 0L, eps, p(saveMean), p(saveRstd));
    }

    void eval(Tensor out, Tensor in, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, float eps,
              int n, int c, int hw) {
        ConvPlans.NormPlan d = be.plans.norm(n, c, hw);
        long scale = gamma == null ? p(constant(ones, c, 1f)) : p(gamma);
        long bias = beta == null ? p(constant(zeros, c, 0f)) : p(beta);
        be.libs.cudnn().batchNormInference(d.x(), p(in), p(out), d.channel(), scale, bias, p(runningMean),
                p(runningVar), eps);
    }

    /**
     * dIn (+)= the input gradient (added when {@code accumulate}), dGamma / dBeta += theirs (either
     * may be null). eps is not needed: cuDNN reads the saved rstd (it takes eps for the record only).
     */
    void backward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, Tensor in, Tensor saveMean, Tensor saveRstd,
                  Tensor gamma, boolean accumulate, int n, int c, int hw) {
        ConvPlans.NormPlan d = be.plans.norm(n, c, hw);
        long scale = gamma == null ? p(constant(ones, c, 1f)) : p(gamma);
        Tensor scratch = dGamma == null || dBeta == null ? be.scratch(2 * c) : null; // two halves: no aliased outputs
        long dScale = dGamma == null ? p(scratch) : p(dGamma);
        long dBias = dBeta == null ? p(scratch) + 4L * c : p(dBeta);
        be.libs.cudnn().batchNormBackward(accumulate ? 1f : 0f, 1f, d.x(), p(in), p(dOut), p(dIn), d.channel(), scale,
                dScale, dBias, 1e-5, p(saveMean), p(saveRstd));
        if (scratch != null) be.release(scratch.storage());
    }
}
