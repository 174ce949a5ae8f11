package io.colisten.train.progress;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress on stderr: a progress bar when stderr is a terminal, plain lines every
 * {@code intervalSeconds} otherwise (logs, CI, pipes). Thread-safe: render workers advance it.
 */
public final class ConsoleProgress implements Progress {
    private final PrintStream err;
    private final boolean terminal;
    private final long intervalNanos;
    private ProgressBar bar;
    private String task = "";
    private long total, done, startDone, started, lastLine;
    private String extra = "";

    ConsoleProgress(PrintStream err, boolean terminal, double intervalSeconds) {
        this.err = err;
        this.terminal = terminal;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    /** A bar when there is a terminal to draw it on. */
    public static ConsoleProgress forConsole() {
        var c = System.console();
        return new ConsoleProgress(System.err, c != null && c.isTerminal(), 10);
    }

    @Override
    public synchronized void begin(String task, long total, long done) {
        if (bar != null) { // a new task on the same progress (a training run's next stage) replaces the bar
            bar.close();
            bar = null;
        }
        this.task = task;
        this.total = total;
        this.done = this.startDone = done;
        started = lastLine = System.nanoTime();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(done, Duration.ZERO)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(250).showSpeed().build();
        }
    }

    @Override
    public synchronized void advance(long n, String extra) {
        done += n;
        this.extra = extra;
        if (bar != null) {
            bar.stepBy(n);
            bar.setExtraMessage(extra.isEmpty() ? "" : "  " + extra);
            return;
        }
        long now = System.nanoTime();
        if (now - lastLine >= intervalNanos) {
            lastLine = now;
            err.println(line(now));
        }
    }

    private String line(long now) {
        double secs = (now - started) / 1e9;
        double rate = secs > 0 ? (done - startDone) / secs : 0;
        String eta = rate > 0 ? String.format(", ETA %.0f s", (total - done) / rate) : "";
        return String.format("%s: %d/%d (%.0f%%)%s, %.1f/s%s", task, done, total,
                total > 0 ? 100.0 * done / total : 100, extra.isEmpty() ? "" : ", " + extra, rate, eta);
    }

    @Override
    public synchronized void note(String line) {
        err.println(line);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        } else if (total > 0 && started != 0) {
            err.println(line(System.nanoTime()));
            total = 0;
        }
    }
}
