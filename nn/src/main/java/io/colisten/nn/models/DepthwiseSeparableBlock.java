package io.colisten.nn.models;

import io.colisten.engine.Tensor;
import io.colisten.nn.modules.BatchNorm2d;
import io.colisten.nn.modules.Conv2d;
import io.colisten.nn.modules.ConvBnReLU;
import io.colisten.nn.modules.LayerTable;
import io.colisten.nn.modules.Module;
import io.colisten.nn.modules.ModuleState;
import io.colisten.nn.modules.ReLU;

/** MobileNet v1's block: depthwise 3x3 (stride s) -> bn1 -> relu -> pointwise 1x1 -> bn2 -> relu. */
public final class DepthwiseSeparableBlock extends Module {
    private final Conv2d depthwise, pointwise;
    private final BatchNorm2d bn1, bn2;
    private final ReLU relu;

    public DepthwiseSeparableBlock(ModuleState state, String name, int cIn, int cOut, int stride) {
        super(name);
        depthwise = add(Conv2d.same(state, child("depthwise"), cIn, cIn, 3, 3, stride, stride, cIn));
        bn1 = add(new BatchNorm2d(state, child("bn1"), cIn));
        pointwise = add(Conv2d.same(state, child("pointwise"), cIn, cOut, 1, 1, 1, 1, 1));
        bn2 = add(new BatchNorm2d(state, child("bn2"), cOut));
        relu = add(new ReLU(child("relu")));
    }

    Conv2d depthwise() { return depthwise; }

    BatchNorm2d bn1() { return bn1; }

    Conv2d pointwise() { return pointwise; }

    BatchNorm2d bn2() { return bn2; }

    @Override
    public Tensor forward(Tensor x) {
        x = ConvBnReLU.forward(depthwise, bn1, relu, null, x);
        return ConvBnReLU.forward(pointwise, bn2, relu, null, x);
    }

    @Override
    public int[] trace(int[] in, LayerTable t) {
        in = relu.trace(bn1.trace(depthwise.trace(in, t), t), t);
        return relu.trace(bn2.trace(pointwise.trace(in, t), t), t);
    }
}
