package io.colisten.train.split;

import io.colisten.train.corpus.CorpusFormatException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * splits.tsv: one line per recording, {@code id<TAB>train|validation|evaluation}, ids in String
 * order, after one header line
 * <pre># colisten splits: seed=1 test=0.1 validation=0.5 (id TAB train|validation|evaluation)</pre>
 * that records the spec (readers take other '#' lines and blank lines as comments, and a file
 * without the header as parts without a spec: a user may bring their own). Written to a temporary
 * file, forced to disk and renamed over the target, so a reader sees the old file or the new one.
 */
public final class SplitsFile {
    public static final String NAME = "splits.tsv";
    private static final Pattern HEADER = Pattern.compile(
            "#\\s*colisten splits:\\s*seed=(-?\\d+)\\s+test=([0-9.eE+-]+)\\s+validation=([0-9.eE+-]+).*");

    private SplitsFile() {}

    public static void write(Path file, Splits s) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8), 1 << 16);
            SplitSpec spec = s.spec();
            w.write(spec == null ? "# colisten splits (id TAB train|validation|evaluation)\n"
                    : String.format(Locale.ROOT, "# colisten splits: seed=%d test=%s validation=%s (id TAB train|validation|evaluation)\n",
                    spec.seed(), Double.toString(spec.testFraction()), Double.toString(spec.validationShare())));
            for (int i = 0; i < s.size(); i++) {
                w.write(s.id(i));
                w.write('\t');
                w.write(s.part(i).word());
                w.write('\n');
            }
            w.flush();
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The splits of a run: read back from {@code file} when it exists (a resumed run keeps its
     * parts; recordings added to the corpus since get the part the file's spec gives them), else
     * drawn for {@code ids} by {@code spec} and written there.
     *
     * @throws CorpusFormatException when the file was written with another spec
     */
    public static Splits loadOrCreate(Path file, String[] ids, SplitSpec spec) throws IOException {
        if (Files.exists(file)) {
            Splits s = read(file);
            if (s.spec() != null && !s.spec().equals(spec)) {
                throw new CorpusFormatException(file + ": written with " + s.spec() + ", asked for " + spec
                        + " (remove the file to split anew)");
            }
            return s;
        }
        Splits s = Splits.assign(ids, spec);
        write(file, s);
        return s;
    }

    /** Reads a splits file; a malformed line, an unknown part or an id given twice is an error naming file:line. */
    public static Splits read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new CorpusFormatException(file + ": no such file");
        Map<String, Split> parts = new HashMap<>();
        SplitSpec spec = null;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                if (line.charAt(0) == '#') {
                    Matcher m = HEADER.matcher(line);
                    if (lineNo == 1 && m.matches()) {
                        try {
                            spec = new SplitSpec(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                                    Double.parseDouble(m.group(3)));
                        } catch (IllegalArgumentException e) {
                            throw new CorpusFormatException(file + ":1: bad split spec in the header (" + e.getMessage() + ")");
                        }
                    }
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0 || line.indexOf('\t', tab + 1) >= 0) {
                    throw new CorpusFormatException(file + ":" + lineNo + ": expected id<TAB>train|validation|evaluation");
                }
                String id = line.substring(0, tab);
                Split part = Split.ofWord(line.substring(tab + 1).strip());
                if (part == null) {
                    throw new CorpusFormatException(file + ":" + lineNo + ": part '" + line.substring(tab + 1)
                            + "' is not train, validation or evaluation");
                }
                if (parts.put(id, part) != null) {
                    throw new CorpusFormatException(file + ":" + lineNo + ": recording '" + id + "' listed twice");
                }
            }
        }
        return Splits.of(parts, spec);
    }
}
