package io.colisten.engine;

import java.util.Arrays;

/**
 * The per-thread autograd state: the tape (nodes in the order their ops ran, which is a
 * topological order), the no-grad depth and the open step scopes with the pooled buffers acquired
 * inside them. Ops call the static methods; one training thread touches only its own Graph, so
 * nothing here is synchronised. Steady state allocates nothing here: arrays grow and are reused.
 */
public final class Graph {
    private static final ThreadLocal<Graph> CURRENT = ThreadLocal.withInitial(Graph::new);

    private Node[] tape = new Node[64];
    private int tapeSize;
    int noGradDepth;

    // Buffers acquired from a pool inside open scopes, with their owners, released on close.
    private Buffer[] scoped = new Buffer[64];
    private Backend[] scopedOwner = new Backend[64];
    private int scopedSize;
    private int[] bufferMarks = new int[8], tapeMarks = new int[8];
    private int scopeDepth;

    final NoGrad noGradHandle = new NoGrad(this);
    final StepScope scopeHandle = new StepScope(this);

    private Graph() {}

    static Graph current() {
        return CURRENT.get();
    }

    // ---- recording ----------------------------------------------------------------------------

    /** False inside a {@link NoGrad} scope. */
    public static boolean gradEnabled() {
        return current().noGradDepth == 0;
    }

    /** Whether an op over these operands must record a node (nulls are ignored). */
    public static boolean recording(Tensor a) {
        return a.requiresGrad && gradEnabled();
    }

    public static boolean recording(Tensor a, Tensor b) {
        return (a.requiresGrad || (b != null && b.requiresGrad)) && gradEnabled();
    }

    public static boolean recording(Tensor a, Tensor b, Tensor c) {
        return (a.requiresGrad || (b != null && b.requiresGrad) || (c != null && c.requiresGrad)) && gradEnabled();
    }

    /** Appends {@code node} as the creator of {@code out}, which from now on requires grad. */
    public static void record(Node node, Tensor out) {
        node.out = out;
        out.creator = node;
        out.requiresGrad = true;
        Graph g = current();
        if (g.tapeSize == g.tape.length) g.tape = Arrays.copyOf(g.tape, g.tapeSize * 2);
        g.tape[g.tapeSize++] = node;
    }

    /** Nodes currently on this thread's tape. */
    public static int tapeSize() {
        return current().tapeSize;
    }

    // ---- buffers ------------------------------------------------------------------------------

    /** An op output of {@code shape} (kept, not copied): pooled inside a step scope, else fresh. */
    public static Tensor output(Backend be, int[] shape) {
        int n = Shapes.numel("output", shape);
        Graph g = current();
        if (g.scopeDepth == 0) return new Tensor(be, be.allocate(n), 0, shape);
        Storage s = be.acquire(n);
        g.keep(s, be);
        return new Tensor(be, s, 0, shape);
    }

    /** An output with the shape of {@code like} (the shape array is shared). */
    public static Tensor outputLike(Tensor like) {
        return output(like.backend, like.shape);
    }

    /** An int buffer an op keeps for backward: pooled inside a step scope, else fresh. */
    public static IndexBuffer indexBuffer(Backend be, int n) {
        Graph g = current();
        if (g.scopeDepth == 0) return be.allocateIndex(n);
        IndexBuffer b = be.acquireIndex(n);
        g.keep(b, be);
        return b;
    }

    private void keep(Buffer b, Backend owner) {
        if (scopedSize == scoped.length) {
            scoped = Arrays.copyOf(scoped, scopedSize * 2);
            scopedOwner = Arrays.copyOf(scopedOwner, scopedSize * 2);
        }
        scoped[scopedSize] = b;
        scopedOwner[scopedSize++] = owner;
    }

    void pushScope() {
        if (scopeDepth == bufferMarks.length) {
            bufferMarks = Arrays.copyOf(bufferMarks, scopeDepth * 2);
            tapeMarks = Arrays.copyOf(tapeMarks, scopeDepth * 2);
        }
        bufferMarks[scopeDepth] = scopedSize;
        tapeMarks[scopeDepth] = tapeSize;
        scopeDepth++;
    }

    void popScope() {
        if (scopeDepth == 0) throw new IllegalStateException("StepScope closed more often than opened");
        scopeDepth--;
        // Nodes recorded inside the scope point at buffers about to be reused: drop them first.
        truncateTape(tapeMarks[scopeDepth]);
        int mark = bufferMarks[scopeDepth];
        for (int i = scopedSize - 1; i >= mark; i--) {
            scopedOwner[i].release(scoped[i]);
            scoped[i] = null;
            scopedOwner[i] = null;
        }
        scopedSize = mark;
    }

    // ---- backward -----------------------------------------------------------------------------

    /**
     * Walks the tape from its end: each node whose output received a gradient (exactly the loss's
     * ancestors) adds into its inputs' gradients, then the output's pooled gradient is released and
     * the node leaves the tape; its output becomes a constant (a second backward through it fails).
     * Nodes of other graphs stay on the tape, in order.
     */
    static void backward(Tensor loss) {
        if (loss.size != 1) {
            throw new IllegalArgumentException("backward: the loss must have one element, got shape " + Shapes.str(loss));
        }
        if (loss.creator == null) {
            throw new IllegalArgumentException("backward: " + Shapes.str(loss)
                    + " was not computed from tensors that require grad (or its graph was already freed)");
        }
        Graph g = current();
        int end = g.tapeSize;
        while (end > 0 && g.tape[end - 1] != loss.creator) end--; // nodes after the loss are not its ancestors
        if (end == 0) {
            throw new IllegalArgumentException("backward: the graph of " + Shapes.str(loss)
                    + " was recorded on another thread");
        }
        Backend be = loss.backend;
        Tensor seed = new Tensor(be, be.acquire(1), 0, loss.shape);
        be.fill(seed, 1f);
        loss.grad = seed;
        for (int i = end - 1; i >= 0; i--) {
            Node node = g.tape[i];
            Tensor out = node.out;
            Tensor gradOut = out.grad;
            if (gradOut == null) continue;
            node.backward(gradOut);
            if (out.grad != null) {
                out.backend.release(out.grad.storage);
                out.grad = null;
            }
            out.creator = null;
            out.requiresGrad = false;
            g.tape[i] = null;
        }
        g.compactTape();
    }

    /** Closes the gaps backward left, keeping each open scope's mark on the same surviving nodes. */
    private void compactTape() {
        int j = 0, s = 0;
        for (int i = 0; i < tapeSize; i++) {
            while (s < scopeDepth && tapeMarks[s] <= i) tapeMarks[s++] = j;
            if (tape[i] != null) tape[j++] = tape[i];
        }
        while (s < scopeDepth) tapeMarks[s++] = j;
        Arrays.fill(tape, j, tapeSize, null);
        tapeSize = j;
    }

    /** Drops the whole tape without computing gradients. */
    public static void clearTape() {
        Graph g = current();
        g.truncateTape(0);
    }

    private void truncateTape(int size) {
        for (int i = tapeSize - 1; i >= size; i--) {
            Node node = tape[i];
            tape[i] = null;
            Tensor out = node.out;
            if (out.grad != null) {
                out.backend.release(out.grad.storage);
                out.grad = null;
            }
            out.creator = null;
            out.requiresGrad = false;
        }
        if (size < tapeSize) tapeSize = size;
        for (int i = 0; i < scopeDepth; i++) tapeMarks[i] = Math.min(tapeMarks[i], tapeSize);
    }
}
