package io.colisten.nn.modules;

import io.colisten.engine.Tensor;
import io.colisten.engine.random.Init;
import io.colisten.engine.random.Rng;
import io.colisten.nn.models.BasicBlock;
import io.colisten.nn.models.DepthwiseSeparableBlock;
import io.colisten.engine.ops.Ops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A finite-difference gradient check (see {@link FiniteDifferences}) of a small configuration of
 * every layer and block type, with respect to the input and every parameter, in training mode
 * (batch statistics) and, for batch norm, eval mode. Whole networks are not probed this way: one
 * weight moves every activation, so in float32 some ReLU or max-pool winner is always within
 * reach of the step; their gradients are compared with PyTorch's instead (NetworkGradientGoldenTest).
 */
class ModuleGradientTest {
    record Case(String name, Function<ModuleState, Module> build, int[] input, boolean training) {
        @Override public String toString() { return name; }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("conv 3->4 3x3 s2x1 p1 +bias", s -> new Conv2d(s, "c", 3, 4, 3, 3, 2, 1, 1, 1, 1, true), new int[] {2, 3, 7, 6}, true),
                new Case("conv 7x5 s2x1 same", s -> Conv2d.same(s, "c", 2, 3, 7, 5, 2, 1, 1), new int[] {2, 2, 9, 7}, true),
                new Case("depthwise 3x3 s2", s -> Conv2d.same(s, "c", 3, 3, 3, 3, 2, 2, 3), new int[] {2, 3, 7, 6}, true),
                new Case("pointwise 3->5", s -> Conv2d.same(s, "c", 3, 5, 1, 1, 1, 1, 1), new int[] {2, 3, 4, 5}, true),
                new Case("batch norm train", s -> new BatchNorm2d(s, "bn", 3), new int[] {3, 3, 4, 5}, true),
                new Case("batch norm eval", s -> new BatchNorm2d(s, "bn", 3), new int[] {3, 3, 4, 5}, false),
                new Case("relu", s -> new ReLU("r"), new int[] {2, 3, 4, 4}, true),
                new Case("max-pool 4x2 s2x1", s -> new MaxPool2d("p", 4, 2, 2, 1), new int[] {2, 2, 9, 5}, true),
                new Case("max-pool 5x3 s4x2", s -> new MaxPool2d("p", 5, 3, 4, 2), new int[] {2, 2, 13, 9}, true),
                new Case("time-frequency pool", s -> new TimeFrequencyPool("t"), new int[] {2, 3, 4, 5}, true),
                new Case("linear 6->4", s -> new Linear(s, "fc", 6, 4, true), new int[] {3, 6}, true),
                new Case("l2 normalise", s -> new L2Normalize("l2"), new int[] {3, 6}, true),
                new Case("depthwise-separable 3->5 s2", s -> new DepthwiseSeparableBlock(s, "b", 3, 5, 2), new int[] {2, 3, 8, 6}, true),
                new Case("basic block 3->4 s2 (downsample)", s -> new BasicBlock(s, "b", 3, 4, 2), new int[] {2, 3, 8, 6}, true),
                new Case("basic block 4->4 (identity)", s -> new BasicBlock(s, "b", 4, 4, 1), new int[] {2, 4, 5, 4}, true),
                new Case("basic block eval", s -> new BasicBlock(s, "b", 3, 4, 2), new int[] {2, 3, 8, 6}, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(Case c) {
        ModuleState state = new ModuleState();
        Module m = c.build.apply(state);
        Rng rng = new Rng(c.name.hashCode());
        m.initialise(rng);
        perturbBatchNorm(state, rng);
        m.train(c.training);

        float[] xs = new float[size(c.input)];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) rng.nextGaussian();
        Tensor x = Tensor.of(xs, c.input).requiresGrad(true);
        List<Tensor> leaves = new ArrayList<>(List.of(x));
        List<String> names = new ArrayList<>(List.of("input"));
        for (StateEntry e : state.entries()) {
            if (e.kind() == StateEntry.Kind.PARAMETER) {
                leaves.add(e.tensor());
                names.add(e.name());
            }
        }
        FiniteDifferences.check(c.name, () -> m.forward(x), leaves.toArray(new Tensor[0]), names.toArray(new String[0]),
                c.name.length());
    }

    /** The check can fail: x * detach(x) has derivative 2x, but autograd sees only the first factor. */
    @Test
    void checkCatchesAWrongGradient() {
        Rng rng = new Rng(1);
        float[] xs = new float[12];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) (1 + rng.nextDouble());
        Tensor x = Tensor.of(xs, 3, 4).requiresGrad(true);
        assertThrows(AssertionFailedError.class, () -> FiniteDifferences.check("x * detach(x)",
                () -> Ops.mul(x, x.detach()), new Tensor[] {x}, new String[] {"x"}, 1));
    }

    /** Batch norm's defaults (1, 0, 0, 1) would hide mistakes that swap or drop them. */
    private static void perturbBatchNorm(ModuleState state, Rng rng) {
        for (StateEntry e : state.entries()) {
            String n = e.name();
            if (!n.contains("bn") && !n.contains("downsample.1")) continue;
            Tensor t = e.tensor();
            if (n.endsWith("weight")) { Init.uniform(t, 0.5, rng); shift(t, 1f); }
            else if (n.endsWith("bias") || n.endsWith("running_mean")) Init.uniform(t, 0.5, rng);
            else if (n.endsWith("running_var")) { Init.uniform(t, 0.5, rng); shift(t, 1f); }
        }
    }

    private static void shift(Tensor t, float by) {
        float[] v = t.toArray();
        for (int i = 0; i < v.length; i++) v[i] += by;
        t.copyFrom(v);
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
