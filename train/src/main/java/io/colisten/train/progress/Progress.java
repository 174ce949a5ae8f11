package io.colisten.train.progress;

/** Where long work reports how far it got (a terminal bar, periodic lines, or nothing). */
public interface Progress extends AutoCloseable {
    /** Starts a task of {@code total} units, {@code done} of which are already done (resumed work). */
    void begin(String task, long total, long done);

    /** {@code n} more units done; {@code extra} is a short status for the bar (may be empty). */
    void advance(long n, String extra);

    /** A line for the log, outside the bar. */
    void note(String line);

    @Override
    void close();

    /** A console progress (bar on a terminal, else a line every 10 s) already begun on {@code task}. */
    static Progress start(String task, long total) {
        ConsoleProgress p = ConsoleProgress.forConsole();
        p.begin(task, total, 0);
        return p;
    }

    Progress NONE = new Progress() {
        @Override
        public void begin(String task, long total, long done) {}

        @Override
        public void advance(long n, String extra) {}

        @Override
        public void note(String line) {}

        @Override
        public void close() {}
    };
}
