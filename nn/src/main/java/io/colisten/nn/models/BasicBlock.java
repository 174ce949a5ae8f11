package io.colisten.nn.models;

import io.colisten.engine.Graph;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.nn.modules.BatchNorm2d;
import io.colisten.nn.modules.Conv2d;
import io.colisten.nn.modules.ConvBnReLU;
import io.colisten.nn.modules.LayerTable;
import io.colisten.nn.modules.Module;
import io.colisten.nn.modules.ModuleState;
import io.colisten.nn.modules.ReLU;
import io.colisten.nn.modules.Sequential;

/**
 * ResNet's basic block (torchvision's layout and names): relu(bn2(conv2(relu(bn1(conv1(x))))) + s(x)),
 * both convs 3x3, the first with the block's stride; s is the identity, or downsample = 1x1 conv
 * with the stride + batch norm when the stride or the channel count changes.
 */
public final class BasicBlock extends Module {
    private final Conv2d conv1, conv2;
    private final BatchNorm2d bn1, bn2;
    private final ReLU relu;
    private final Sequential downsample;
    private final Conv2d downsampleConv;
    private final BatchNorm2d downsampleBn;

    public BasicBlock(ModuleState state, String name, int cIn, int cOut, int stride) {
        super(name);
        conv1 = add(Conv2d.same(state, child("conv1"), cIn, cOut, 3, 3, stride, stride, 1));
        bn1 = add(new BatchNorm2d(state, child("bn1"), cOut));
        relu = add(new ReLU(child("relu")));
        conv2 = add(Conv2d.same(state, child("conv2"), cOut, cOut, 3, 3, 1, 1, 1));
        bn2 = add(new BatchNorm2d(state, child("bn2"), cOut));
        if (stride != 1 || cIn != cOut) {
            downsample = add(new Sequential(child("downsample")));
            downsampleConv = downsample.append(Conv2d.same(state, downsample.nextName(), cIn, cOut, 1, 1, stride, stride, 1));
            downsampleBn = downsample.append(new BatchNorm2d(state, downsample.nextName(), cOut));
        } else {
            downsample = null;
            downsampleConv = null;
            downsampleBn = null;
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor out = ConvBnReLU.forward(conv1, bn1, relu, null, x);
        if (isTraining() || Graph.gradEnabled()) {
            out = ConvBnReLU.forward(conv2, bn2, null, null, out);
            Tensor identity = downsample == null ? x : ConvBnReLU.forward(downsampleConv, downsampleBn, null, null, x);
            return relu.forward(Ops.add(out, identity));
        }
        // Inference: the residual sum and its ReLU in conv2's output pass (or one pass after it).
        Tensor identity = downsample == null ? x : ConvBnReLU.forward(downsampleConv, downsampleBn, null, null, x);
        return ConvBnReLU.forwardAddReLU(conv2, bn2, out, identity, name());
    }

    @Override
    public int[] trace(int[] in, LayerTable t) {
        int[] out = relu.trace(bn1.trace(conv1.trace(in, t), t), t);
        out = bn2.trace(conv2.trace(out, t), t);
        int[] identity = downsample == null ? in : downsample.trace(in, t);
        if (!java.util.Arrays.equals(out, identity)) {
            throw new IllegalArgumentException(name() + ": residual " + LayerTable.shape(out) + " does not match shortcut "
                    + LayerTable.shape(identity));
        }
        return relu.trace(out, t);
    }
}
