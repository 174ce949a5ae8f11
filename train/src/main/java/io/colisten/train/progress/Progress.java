package io.colisten.train.progress;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Progress of long work: a live bar (count, rate, ETA and a line of extra facts) on a terminal,
 * and a plain line every {@code plainEvery} when output is a file or a pipe, so logs stay readable.
 * {@link #none()} shows nothing (tests, library use).
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    public static Progress none() {
        return new Progress(null);
    }

    /** A bar on stderr: live when stderr is a terminal, else a plain line every {@code plainEvery}. */
    public static Progress start(String task, long total, String unit, Duration plainEvery) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setUnit(unit, 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS).setMaxRenderedLength(120);
        if (terminal) {
            b.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250);
        } else {
            PrintStream err = System.err;
            b.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis((int) plainEvery.toMillis())
                    .setConsumer(new DelegatingProgressBarConsumer(err::println, 120));
        }
        return new Progress(b.build());
    }

    public void step(long n, String extra) {
        if (bar != null) {
            bar.stepBy(n);
            bar.setExtraMessage(extra);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
