package io.colisten.engine.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Streams a UTF-8 text file that readers see either whole or not at all: it is written to a
 * hidden temp file beside the target, forced to disk on {@link #commit()}, then renamed over the
 * target. Closing without committing deletes the temp file and leaves any old target untouched.
 * For files too large to build in memory first (labels of a million recordings).
 */
public final class AtomicTextWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final BufferedWriter out;
    private boolean done;

    public AtomicTextWriter(Path target) throws IOException {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        this.temp = dir.resolve("." + target.getFileName() + ".tmp");
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                StandardCharsets.UTF_8.newEncoder()), 1 << 16);
    }

    /** Where the text goes before {@link #commit()}. */
    public Writer writer() {
        return out;
    }

    /** Flushes, forces the data to disk and renames the temp file over the target. */
    public void commit() throws IOException {
        out.flush();
        channel.force(true);
        out.close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        done = true;
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            try {
                out.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
