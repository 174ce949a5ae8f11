package io.colisten.engine;

/**
 * The lifetime of one step's intermediate buffers: {@code try (StepScope s = StepScope.open()) {
 * forward; loss.backward(); optimiser.step(); }}. Inside a scope, op outputs and the buffers ops keep
 * for backward come from the backend's size-keyed pool; closing the scope returns them all and drops
 * any tape recorded inside it. The next step with the same shapes gets the same buffers back, so a
 * steady-state step allocates no activation memory.
 *
 * <p>Tensors computed inside a scope are invalid after it closes: keep results with
 * {@link Tensor#copy()} or {@link Tensor#toArray()}. Outside any scope, outputs are ordinary
 * garbage-collected allocations. Scopes nest; the handle is a per-thread singleton.
 */
public final class StepScope implements AutoCloseable {
    private final Graph graph;

    StepScope(Graph graph) {
        this.graph = graph;
    }

    public static StepScope open() {
        Graph g = Graph.current();
        g.pushScope();
        return g.scopeHandle;
    }

    @Override
    public void close() {
        if (graph != Graph.current()) throw new IllegalStateException("StepScope closed on another thread");
        graph.popScope();
    }
}
