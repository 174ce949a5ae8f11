package io.colisten.engine;

/**
 * One recorded op on the tape: it knows its output and the inputs it needs, and adds the gradient
 * of its inputs given the gradient of its output. One small object per op call; subclasses live
 * beside their op in {@code io.colisten.engine.ops}.
 */
public abstract class Node {
    Tensor out;

    /** The op's name, for messages. */
    public abstract String name();

    /** Adds d(loss)/d(input) into {@link #gradOf} of each input that requires grad. */
    protected abstract void backward(Tensor gradOut);

    /** The output this node computed. */
    protected final Tensor out() { return out; }

    protected static boolean needsGrad(Tensor t) {
        return t != null && t.requiresGrad;
    }

    /**
     * The gradient accumulator of {@code t}, created zero-filled on first use: persistent for a leaf,
     * pooled for an intermediate (released by the tape walk once t's own node has run).
     */
    protected static Tensor gradOf(Tensor t) {
        Tensor g = t.grad;
        if (g != null) return g;
        Backend be = t.backend;
        if (t.creator == null) {
            g = new Tensor(be, be.allocate(t.size), 0, t.shape);
        } else {
            g = new Tensor(be, be.acquire(t.size), 0, t.shape);
            be.fill(g, 0f);
        }
        t.grad = g;
        return g;
    }

    /**
     * Routes an unchanged gradient to {@code in} (views: reshape, flatten). When the input is an
     * intermediate with no gradient yet, the output's gradient buffer is handed over instead of
     * copied.
     */
    protected final void passThrough(Tensor in, Tensor gradOut) {
        if (!needsGrad(in)) return;
        if (in.grad == null && in.creator != null && out.grad == gradOut) {
            in.grad = new Tensor(gradOut.backend, gradOut.storage, gradOut.offset, in.shape);
            out.grad = null;
        } else {
            in.backend.axpy(gradOf(in), 1f, gradOut);
        }
    }

    /**
     * A gradient buffer for {@code in} that the caller will overwrite entirely (no zero fill), or
     * null when {@code in} needs none, already has one or is a leaf: the caller then adds into
     * {@link #gradOf}. When this node's own output gradient {@code gradOut} has in's size, its
     * buffer is handed down instead of a new one (as {@link #passThrough} does), so a kernel that
     * reads each element of gradOut before writing the same element of dIn can work in place.
     */
    protected final Tensor gradToOverwrite(Tensor in, Tensor gradOut) {
        if (!needsGrad(in) || in.grad != null || in.creator == null) return null;
        if (out.grad == gradOut && gradOut.size == in.size) {
            in.grad = new Tensor(gradOut.backend, gradOut.storage, gradOut.offset, in.shape);
            out.grad = null;
        } else {
            in.grad = new Tensor(in.backend, in.backend.acquire(in.size), 0, in.shape);
        }
        return in.grad;
    }

    /**
     * A fresh, not zeroed gradient buffer for {@code in}, which the caller overwrites entirely; null
     * when {@code in} needs none, already has one or is a leaf (the caller then adds into {@link #gradOf}).
     */
    protected static Tensor freshGrad(Tensor in) {
        if (!needsGrad(in) || in.grad != null || in.creator == null) return null;
        in.grad = new Tensor(in.backend, in.backend.acquire(in.size), 0, in.shape);
        return in.grad;
    }

    /** A pooled scratch tensor for a backward that needs one; give it back with {@link #releaseScratch}. */
    protected static Tensor scratch(Backend be, int[] shape) {
        return new Tensor(be, be.acquire(Shapes.numel("scratch", shape)), 0, shape);
    }

    protected static void releaseScratch(Tensor t) {
        t.backend.release(t.storage);
    }
}
