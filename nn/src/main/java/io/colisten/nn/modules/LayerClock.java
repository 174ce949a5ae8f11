package io.colisten.nn.modules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-layer timing of inference forwards, for the per-layer harness (bench's LayerTimes). Off
 * unless the JVM starts with {@code -Dcolisten.layerClock=true}: {@link #ON} is a static final
 * constant, so the JIT removes every call site's timing when it is off. Layers record nanoseconds
 * under their name in first-seen order; a layer that runs inside parallel parts (each thread
 * timing its own images) records its thread time divided by the thread count, an estimate of its
 * share of the wall time.
 */
public final class LayerClock {
    public static final boolean ON = Boolean.getBoolean("colisten.layerClock");
    /**
     * -Dcolisten.layerClock.cpu=true: the calling thread's CPU time instead of wall time; with
     * -Dcolisten.threads=1 (all work on that thread) per-layer figures that a loaded machine's
     * descheduling does not inflate.
     */
    public static final boolean CPU = Boolean.getBoolean("colisten.layerClock.cpu");
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final Map<String, long[]> NANOS = new LinkedHashMap<>();

    private LayerClock() {}

    /** A start time for {@link #stop}; 0 when the clock is off. */
    public static long start() {
        return ON ? now() : 0L;
    }

    /** Adds the time since {@code start} to {@code name}. */
    public static void stop(String name, long start) {
        if (ON) add(name, now() - start);
    }

    /** Adds the time since {@code start} to "name part" (the name is joined only when the clock is on). */
    public static void stop(String name, String part, long start) {
        if (ON) add(name + " " + part, now() - start);
    }

    /** Adds the time since {@code start}, divided by {@code share} (the threads running such parts at once). */
    public static void stopShared(String name, long start, int share) {
        if (ON) add(name, (now() - start) / Math.max(1, share));
    }

    private static long now() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static synchronized void add(String name, long nanos) {
        NANOS.computeIfAbsent(name, k -> new long[1])[0] += nanos;
    }

    /** Clears every total. */
    public static synchronized void reset() {
        NANOS.clear();
    }

    /** (name, nanoseconds) in first-seen order. */
    public static synchronized List<Map.Entry<String, Long>> totals() {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : NANOS.entrySet()) out.add(Map.entry(e.getKey(), e.getValue()[0]));
        return out;
    }
}
