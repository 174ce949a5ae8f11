package io.colisten.train.labels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Lines in a file (a final line without a newline counts), read in large blocks: a progress bar's total. */
final class LineCount {
    private LineCount() {}

    static long of(Path file) throws IOException {
        long lines = 0;
        byte last = '\n';
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            while (ch.read(b) > 0) {
                b.flip();
                while (b.hasRemaining()) {
                    last = b.get();
                    if (last == '\n') {
                        lines++;
                    }
                }
                b.clear();
            }
        }
        return last == '\n' ? lines : lines + 1;
    }
}
