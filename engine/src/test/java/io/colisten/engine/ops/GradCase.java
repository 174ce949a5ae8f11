package io.colisten.engine.ops;

import io.colisten.engine.Tensor;

/**
 * One entry of the gradient check: an op under test over engine tensors, the same op as a double
 * reference, the inputs (shape and how to draw them), and the tolerance |a - b| <= atol + rtol |ref|
 * used for both the forward output and every gradient element.
 */
record GradCase(String name, Input[] inputs, EngineFn engine, RefFn ref, double atol, double rtol) {

    interface EngineFn {
        Tensor apply(Tensor[] in);
    }

    interface RefFn {
        double[] apply(double[][] in);
    }

    /** How an input is drawn and whether it is differentiated. */
    enum Kind {
        /** N(0, 1), differentiated. */
        GRAD(true),
        /** |x| in [0.1, 1] with a random sign: keeps ReLU inputs away from the kink. */
        AWAY_FROM_ZERO(true),
        /** Distinct values at least 0.02 apart, shuffled: no ties inside a max window. */
        DISTINCT(true),
        /** N(0, 1), held constant. */
        CONST(false),
        /** U(0.5, 1.5), held constant (a running variance). */
        POSITIVE(false);

        final boolean grad;

        Kind(boolean grad) {
            this.grad = grad;
        }
    }

    record Input(Kind kind, int[] shape) {}

    static Input in(Kind kind, int... shape) {
        return new Input(kind, shape);
    }

    @Override
    public String toString() {
        return name;
    }
}
