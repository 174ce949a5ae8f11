package io.colisten.train.eval;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.param.ParameterSet;
import io.colisten.engine.random.Init;
import io.colisten.engine.random.Rng;

/**
 * A probe's network on the engine: logits [n, classes] from standardised features [n, dim], either
 * one linear layer ("out.weight" [classes, dim], "out.bias") or a hidden layer with ReLU first
 * ("hidden.weight" [hidden, dim], "hidden.bias", then "out" from hidden). PyTorch's default
 * nn.Linear initialisation from the given generator.
 */
final class ProbeModel {
    private static final int PREDICT_ROWS = 1024;

    final ParameterSet params = new ParameterSet();
    private final Tensor hiddenW, hiddenB, outW, outB;
    private final int dim, classes;

    ProbeModel(ProbeClassifier kind, int dim, int hidden, int classes, Rng rng) {
        this.dim = dim;
        this.classes = classes;
        int width = dim;
        if (kind == ProbeClassifier.MLP) {
            hiddenW = params.parameter("hidden.weight", hidden, dim);
            hiddenB = params.parameter("hidden.bias", hidden);
            Init.linearDefault(hiddenW, hiddenB, rng);
            width = hidden;
        } else {
            hiddenW = null;
            hiddenB = null;
        }
        outW = params.parameter("out.weight", classes, width);
        outB = params.parameter("out.bias", classes);
        Init.linearDefault(outW, outB, rng);
    }

    /** Logits of x [n, dim]. */
    Tensor logits(Tensor x) {
        Tensor h = hiddenW == null ? x : Ops.relu(Ops.linear(x, hiddenW, hiddenB));
        return Ops.linear(h, outW, outB);
    }

    /** Logits of the given rows of the standardised matrix x [*, dim], row-major into [rows.length x classes]. */
    float[] predict(float[] x, int[] rows) {
        float[] out = new float[rows.length * classes];
        float[] batch = new float[Math.min(PREDICT_ROWS, Math.max(1, rows.length)) * dim];
        try (NoGrad ignored = NoGrad.enter()) {
            for (int from = 0; from < rows.length; from += PREDICT_ROWS) {
                int n = Math.min(PREDICT_ROWS, rows.length - from);
                for (int i = 0; i < n; i++) System.arraycopy(x, rows[from + i] * dim, batch, i * dim, dim);
                try (StepScope s = StepScope.open()) {
                    float[] z = logits(Tensor.of(java.util.Arrays.copyOf(batch, n * dim), n, dim)).toArray();
                    System.arraycopy(z, 0, out, from * classes, n * classes);
                }
            }
        }
        return out;
    }

    /** A copy of every parameter's values, in registration order. */
    float[][] snapshot() {
        Tensor[] list = params.list();
        float[][] out = new float[list.length][];
        for (int i = 0; i < list.length; i++) out[i] = list[i].toArray();
        return out;
    }

    void restore(float[][] values) {
        Tensor[] list = params.list();
        for (int i = 0; i < list.length; i++) list[i].copyFrom(values[i]);
    }
}
