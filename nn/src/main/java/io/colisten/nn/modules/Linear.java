package io.colisten.nn.modules;

import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.random.Init;
import io.colisten.engine.random.Rng;

/** x[n, in] W[out, in]^T + b[out], PyTorch's nn.Linear and its default initialisation. */
public final class Linear extends Module {
    private final int in, out;
    private final Tensor weight, bias;

    public Linear(ModuleState state, String name, int in, int out, boolean bias) {
        super(name);
        this.in = in;
        this.out = out;
        weight = state.parameter(path(name, "weight"), out, in);
        this.bias = bias ? state.parameter(path(name, "bias"), out) : null;
    }

    public Tensor weight() { return weight; }

    public Tensor bias() { return bias; }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.linear(x, weight, bias);
    }

    @Override
    public int[] trace(int[] shape, LayerTable table) {
        if (shape.length != 1 || shape[0] != in) {
            throw new IllegalArgumentException(name() + ": expects " + in + " features, got " + LayerTable.shape(shape));
        }
        int[] o = {out};
        table.add(name(), o, weight.size() + (bias == null ? 0 : bias.size()), (long) in * out);
        return o;
    }

    @Override
    public void initialise(Rng rng) {
        Init.linearDefault(weight, bias, rng);
    }
}
