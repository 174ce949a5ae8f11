package io.colisten.train.store;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The text form of index.tsv. One line per recording:
 * <pre>id TAB offset TAB frames TAB seconds TAB flags TAB crc32</pre>
 * where flags is a combination of 'c' (clipped) and 'p' (padded) or '-', and crc32 is the CRC-32
 * (8 lowercase hex digits) of the UTF-8 bytes of everything before the last tab. A crash can leave
 * a last line without its newline or with a wrong checksum: such a line is not an entry. Lines
 * starting with '#' are comments (the first line names the columns).
 */
final class IndexLines {
    static final String HEADER = "#id\toffset\tframes\tseconds\tflags\tcrc32\n";

    private IndexLines() {}

    static String format(StoreEntry e) {
        String flags = (e.clipped() ? "c" : "") + (e.padded() ? "p" : "");
        String body = e.id() + '\t' + e.offset() + '\t' + e.frames() + '\t'
                + String.format(Locale.ROOT, "%.3f", e.seconds()) + '\t' + (flags.isEmpty() ? "-" : flags);
        return body + '\t' + crcHex(body) + '\n';
    }

    /** The entry of a complete line (without its newline), or null when the line is damaged. */
    static StoreEntry parse(String line) {
        int lastTab = line.lastIndexOf('\t');
        if (lastTab < 0) {
            return null;
        }
        String body = line.substring(0, lastTab);
        if (!crcHex(body).equals(line.substring(lastTab + 1))) {
            return null;
        }
        String[] f = body.split("\t", -1);
        if (f.length != 5) {
            return null;
        }
        try {
            return new StoreEntry(f[0], Long.parseLong(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                    f[4].contains("c"), f[4].contains("p"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String crcHex(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}
