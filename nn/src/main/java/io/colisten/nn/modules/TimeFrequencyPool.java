package io.colisten.nn.modules;

import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;

/** The paper's time-frequency pooling: [n, c, time, mel] -> [n, c], the mean over time and mel. */
public final class TimeFrequencyPool extends Module {
    public TimeFrequencyPool(String name) {
        super(name);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.globalAvgPool(x);
    }

    @Override
    public int[] trace(int[] in, LayerTable table) {
        if (in.length != 3) throw new IllegalArgumentException(name() + ": expects C x H x W, got " + LayerTable.shape(in));
        int[] out = {in[0]};
        table.add(name(), out, 0, 0);
        return out;
    }
}
