package io.colisten.train.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads index.tsv and tells its good entries from a torn tail. Only the tail can be torn (the
 * file is append-only and each line is written after the data it points to is durable), so a
 * damaged line before the last one, entries that are not back to back, or a repeated id mean
 * the store itself is corrupt, and that is an error naming the line.
 *
 * @param entries   the good entries, in file order (their frames are back to back from 0)
 * @param goodBytes length of the file's good prefix; anything after it is a torn last line
 */
record IndexScan(List<StoreEntry> entries, long goodBytes) {

    long frameEnd() {
        return entries.isEmpty() ? 0 : entries.getLast().end();
    }

    static IndexScan read(Path index) throws IOException {
        byte[] bytes = Files.readAllBytes(index);
        List<StoreEntry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        long good = 0;
        long expectedOffset = 0;
        int lineNo = 0;
        int start = 0;
        while (start < bytes.length) {
            int nl = indexOf(bytes, (byte) '\n', start);
            lineNo++;
            if (nl < 0) {
                break; // a last line without its newline: torn by a crash, not an entry
            }
            String line = new String(bytes, start, nl - start, StandardCharsets.UTF_8);
            int next = nl + 1;
            if (!line.startsWith("#")) {
                StoreEntry e = IndexLines.parse(line);
                if (e == null) {
                    if (next == bytes.length) {
                        break; // a damaged last line: torn
                    }
                    throw new StoreException(index + ":" + lineNo + ": damaged index line in the middle of the store");
                }
                if (e.offset() != expectedOffset) {
                    throw new StoreException(index + ":" + lineNo + ": entry '" + e.id() + "' starts at frame "
                            + e.offset() + ", expected " + expectedOffset);
                }
                if (!ids.add(e.id())) {
                    throw new StoreException(index + ":" + lineNo + ": recording '" + e.id() + "' appears twice");
                }
                entries.add(e);
                expectedOffset = e.end();
            }
            good = next;
            start = next;
        }
        return new IndexScan(entries, good);
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
