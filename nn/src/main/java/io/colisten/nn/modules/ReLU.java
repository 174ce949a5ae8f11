package io.colisten.nn.modules;

import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;

/** max(x, 0). Stateless: one instance may be called at several points (as torchvision's blocks do). */
public final class ReLU extends Module {
    public ReLU(String name) {
        super(name);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.relu(x);
    }

    @Override
    public int[] trace(int[] in, LayerTable table) {
        table.add(name(), in, 0, 0);
        return in;
    }
}
