package io.colisten.nn.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Drains a child process's stderr on its own thread (so the child never blocks on a full pipe)
 * and keeps only its last few non-empty lines, each cut to a bounded length.
 */
final class StderrTail {
    private static final int KEEP_LINES = 4;
    private static final int MAX_LINE = 300;

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final Thread thread;

    private StderrTail(InputStream err, String threadName) {
        thread = new Thread(() -> drain(err), threadName);
        thread.setDaemon(true);
    }

    static StderrTail start(InputStream err, String threadName) {
        StderrTail tail = new StderrTail(err, threadName);
        tail.thread.start();
        return tail;
    }

    private void drain(InputStream err) {
        byte[] buf = new byte[4096];
        StringBuilder line = new StringBuilder();
        try (err) {
            int n;
            while ((n = err.read(buf)) > 0) {
                String text = new String(buf, 0, n, StandardCharsets.UTF_8);
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '\n' || c == '\r') {
                        keep(line);
                    } else if (line.length() < MAX_LINE) {
                        line.append(c);
                    }
                }
            }
        } catch (IOException ignored) {
            // The process went away; what was read so far is the tail.
        }
        keep(line);
    }

    private void keep(StringBuilder line) {
        String s = line.toString().strip();
        line.setLength(0);
        if (s.isEmpty()) {
            return;
        }
        synchronized (lines) {
            lines.addLast(s);
            if (lines.size() > KEEP_LINES) {
                lines.removeFirst();
            }
        }
    }

    /** The kept lines, oldest first, once the stream has ended (waits up to {@code millis}). */
    List<String> lines(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }
}
