package io.colisten.nn.modules;

import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;

/** Each row divided by max(its l2 norm, 1e-12) (torch.nn.functional.normalize). */
public final class L2Normalize extends Module {
    public L2Normalize(String name) {
        super(name);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.l2Normalize(x);
    }

    @Override
    public int[] trace(int[] in, LayerTable table) {
        table.add(name(), in, 0, 0);
        return in;
    }
}
