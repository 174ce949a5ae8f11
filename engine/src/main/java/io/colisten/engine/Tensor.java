package io.colisten.engine;

import io.colisten.engine.ops.ShapeOps;

/**
 * A float32 tensor: a contiguous row-major view (offset + shape) into a {@link Storage} on one
 * device. Tensors that require gradients take part in define-by-run autograd: ops record a
 * {@link Node} on the thread's {@link Graph}, and {@link #backward()} walks it back.
 *
 * <p>Leaves (no creator) keep their gradient across steps (parameters: allocated once, zeroed by
 * the optimiser's owner); gradients of intermediates are pooled and released as soon as the op that
 * made them has run its backward. Shape arrays are never mutated and may be shared.
 */
public final class Tensor {
    final Backend backend;
    final Storage storage;
    final int offset;
    final int[] shape;
    final int size;
    boolean requiresGrad;
    Tensor grad;
    Node creator;

    /** A view of {@code shape} at {@code offset} in {@code storage}; the shape array is kept, not copied. */
    public Tensor(Backend backend, Storage storage, int offset, int[] shape) {
        this.size = Shapes.numel("tensor", shape);
        if (storage.device() != backend.device() && !storage.device().equals(backend.device())) {
            throw new IllegalArgumentException("tensor: storage on " + storage.device() + " but backend for "
                    + backend.device());
        }
        if (offset < 0 || (long) offset + size > storage.length()) {
            throw new IllegalArgumentException("tensor: view " + Shapes.str(shape) + " at offset " + offset
                    + " exceeds storage of " + storage.length());
        }
        this.backend = backend;
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
    }

    // ---- creation ---------------------------------------------------------------------------------

    /** Zeros on the CPU. */
    public static Tensor zeros(int... shape) {
        return zeros(Device.CPU, shape);
    }

    public static Tensor zeros(Device device, int... shape) {
        Backend be = device.backend();
        int[] s = shape.clone();
        return new Tensor(be, be.allocate(Shapes.numel("zeros", s)), 0, s);
    }

    /** A CPU tensor holding a copy of {@code values} (row-major). */
    public static Tensor of(float[] values, int... shape) {
        return of(Device.CPU, values, shape);
    }

    public static Tensor of(Device device, float[] values, int... shape) {
        int[] s = shape.clone();
        int n = Shapes.numel("tensor.of", s);
        if (values.length != n) {
            throw new IllegalArgumentException("tensor.of: " + values.length + " values for shape " + Shapes.str(s));
        }
        Backend be = device.backend();
        Tensor t = new Tensor(be, be.allocate(n), 0, s);
        be.upload(t.storage, 0, values, 0, n);
        return t;
    }

    /** A one-element tensor of shape [] (a scalar). */
    public static Tensor scalar(float value) {
        Backend be = Device.CPU.backend();
        Tensor t = new Tensor(be, be.allocate(1), 0, new int[0]);
        be.fill(t, value);
        return t;
    }

    // ---- facts ----------------------------------------------------------------------------------

    public Device device() { return backend.device(); }

    public Backend backend() { return backend; }

    public Storage storage() { return storage; }

    /** Element offset of this view in its storage. */
    public int offset() { return offset; }

    public int rank() { return shape.length; }

    /** Size of dimension {@code i}; negative counts from the end. */
    public int dim(int i) { return shape[i < 0 ? shape.length + i : i]; }

    /** A copy of the shape. */
    public int[] shape() { return shape.clone(); }

    public int size() { return size; }

    public boolean sameShape(Tensor o) { return java.util.Arrays.equals(shape, o.shape); }

    public boolean requiresGrad() { return requiresGrad; }

    /** Marks a leaf as trainable (its gradient then accumulates in {@link #grad()}). */
    public Tensor requiresGrad(boolean on) {
        if (creator != null) throw new IllegalArgumentException("requiresGrad: only leaves can be changed, "
                + Shapes.str(this) + " was computed by " + creator.name());
        requiresGrad = on;
        return this;
    }

    /** True unless an op recorded on the tape computed this tensor. */
    public boolean isLeaf() { return creator == null; }

    /** The accumulated gradient (null until a backward reached this tensor). */
    public Tensor grad() { return grad; }

    /** Gives a leaf a gradient buffer of its own (parameters: once, up front). */
    public void setGrad(Tensor g) {
        if (g != null && (!sameShape(g) || g.backend != backend)) {
            throw new IllegalArgumentException("setGrad: gradient " + Shapes.str(g) + "@" + g.device()
                    + " does not match " + Shapes.str(this) + "@" + device());
        }
        if (creator != null) throw new IllegalArgumentException("setGrad: " + Shapes.str(this) + " is not a leaf");
        grad = g;
    }

    /** Reverse-mode autograd from this one-element tensor; see {@link Graph#backward}. */
    public void backward() {
        Graph.backward(this);
    }

    // ---- data ---------------------------------------------------------------------------------

    /** The single element of a one-element tensor. */
    public float item() {
        if (size != 1) throw new IllegalArgumentException("item: tensor of shape " + Shapes.str(this) + " has " + size + " elements");
        return backend.read(storage, offset);
    }

    /** Element {@code i} in row-major order. */
    public float get(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("get: index " + i + " for shape " + Shapes.str(this));
        return backend.read(storage, offset + i);
    }

    /** A host copy of the elements. */
    public float[] toArray() {
        float[] out = new float[size];
        backend.download(out, 0, storage, offset, size);
        return out;
    }

    /** Overwrites the elements from the host. */
    public Tensor copyFrom(float[] values) {
        if (values.length != size) {
            throw new IllegalArgumentException("copyFrom: " + values.length + " values for shape " + Shapes.str(this));
        }
        backend.upload(storage, offset, values, 0, size);
        return this;
    }

    /** This tensor on {@code device}: itself when already there, else a copy (a leaf, no gradient). */
    public Tensor to(Device device) {
        if (device.equals(device())) return this;
        return of(device, toArray(), shape);
    }

    /** A copy in fresh, unpooled storage that outlives any step scope; a leaf without gradient. */
    public Tensor copy() {
        Tensor t = new Tensor(backend, backend.allocate(size), 0, shape);
        backend.copy(t, this);
        return t;
    }

    /** The same storage without autograd history. */
    public Tensor detach() {
        return new Tensor(backend, storage, offset, shape);
    }

    /** A differentiable view with a new shape (one dimension may be -1). */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(this, newShape);
    }

    /** [d0, d1, ...] -> [d0, d1 * ...]. */
    public Tensor flatten() {
        return ShapeOps.flatten(this);
    }

    @Override
    public String toString() {
        return "Tensor" + Shapes.str(shape) + "@" + device() + (requiresGrad ? " requiresGrad" : "");
    }
}
