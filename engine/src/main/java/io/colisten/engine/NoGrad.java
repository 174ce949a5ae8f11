package io.colisten.engine;

/**
 * A scope in which ops record nothing (inference, metrics, optimiser updates):
 * {@code try (NoGrad ng = NoGrad.enter()) { ... }}. Scopes nest; the handle is a per-thread
 * singleton, so entering allocates nothing.
 */
public final class NoGrad implements AutoCloseable {
    private final Graph graph;

    NoGrad(Graph graph) {
        this.graph = graph;
    }

    public static NoGrad enter() {
        Graph g = Graph.current();
        g.noGradDepth++;
        return g.noGradHandle;
    }

    @Override
    public void close() {
        if (graph != Graph.current()) throw new IllegalStateException("NoGrad closed on another thread");
        if (graph.noGradDepth == 0) throw new IllegalStateException("NoGrad closed more often than entered");
        graph.noGradDepth--;
    }
}
