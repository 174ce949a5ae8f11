package io.colisten.train.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Input problems found while reading a file (each message names file:line): all are counted, the
 * first {@code limit} are passed on to a sink (a log, stderr) and kept for a summary.
 */
public final class Problems {
    private final int limit;
    private final Consumer<String> sink;
    private final List<String> first = new ArrayList<>();
    private long count;

    public Problems(int limit, Consumer<String> sink) {
        this.limit = limit;
        this.sink = sink;
    }

    /** Counts and (up to the limit) forwards nothing: for callers that only want the tally. */
    public static Problems quiet() {
        return new Problems(20, m -> {});
    }

    public void report(String message) {
        count++;
        if (first.size() < limit) {
            first.add(message);
            sink.accept(message);
        }
    }

    public long count() {
        return count;
    }

    public List<String> first() {
        return List.copyOf(first);
    }
}
