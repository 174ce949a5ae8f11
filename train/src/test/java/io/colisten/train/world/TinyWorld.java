package io.colisten.train.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colisten.train.cli.Colisten;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One tiny world (seed 7) generated through the command line once per test JVM and shared by the
 * test classes that only read it; deleted at exit.
 */
public final class TinyWorld {
    public static final long SEED = 7;
    private static Path dir;

    private TinyWorld() {}

    public static synchronized Path get() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("colisten-tiny-world");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
                Path out = d.resolve("world");
                assertEquals(0, run("world", "--size", "tiny", "--seed", Long.toString(SEED), "--out", out.toString()));
                dir = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** Runs the launcher with output captured; returns the exit code. */
    public static int run(String... args) {
        var cl = Colisten.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        lastOut = out.toString();
        lastErr = err.toString();
        return code;
    }

    public static String lastOut = "", lastErr = "";

    /** Every regular file under a folder, as sorted relative paths. */
    public static List<Path> files(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p)));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    public static void delete(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
