package io.colisten.engine.io;

import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Valid files with mutated headers (bit flips, length fields, numbers, strings, moved ranges,
 * repeated entries, spliced and deleted bytes, truncation; seeded): every one is either read
 * completely or rejected with a {@link SafeTensorsException}: never another exception, never an
 * allocation beyond the file's size, never a hang (the whole run has a deadline). Every
 * validation rule is hit (about 2,500 of the 3,000 cases are rejected, across all the messages). The mutated bytes are read from memory
 * through the reader's in-memory source (the same code as for files, minus the disk).
 */
class SafeTensorsFuzzTest {
    static final int CASES = 3000, KINDS = 10;
    static final String[] NUMBERS = {"0", "1", "2", "4", "7", "8", "16", "-1", "-0", "1.5", "1e3", "00", "",
            "9223372036854775807", "9223372036854775808", "18446744073709551615", "4611686018427387904",
            "2305843009213693952", "99999999999999999999999"};
    static final String[] STRINGS = {"F32", "F16", "BF16", "F64", "I64", "I32", "U8", "BOOL", "F8_E4M3", "F4", "C64", "dtype",
            "shape", "data_offsets", "__metadata__", "", "x", "\\u0000", "\\ud800", "\u00e9"};
    static final String JSON_CHARS = "{}[]\":,-0123456789 \\eE.tfn";
    static final Pattern NUMBER = Pattern.compile("-?\\d+");
    static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    static final Pattern OFFSETS = Pattern.compile("\\[(\\d+),(\\d+)\\]");
    static final Pattern ENTRY = Pattern.compile("\"[^\"]*\":\\{\"dtype\"[^}]*\\}");

    @Test
    void mutatedHeadersAreReadOrRejectedCleanly(@TempDir Path dir) throws IOException {
        List<byte[]> bases = bases(dir);
        int[] outcome = new int[2]; // accepted, rejected
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Rng rng = new Rng(20261125);
            for (int i = 0; i < CASES; i++) {
                byte[] base = bases.get(rng.nextInt(bases.size()));
                int kind = rng.nextInt(KINDS);
                byte[] mutated = mutate(base, kind, rng);
                if (rng.nextInt(4) == 0) mutated = mutate(mutated, rng.nextInt(KINDS), rng);
                try {
                    readEverything(mutated);
                    outcome[0]++;
                } catch (SafeTensorsException expected) {
                    outcome[1]++;
                } catch (Throwable t) {
                    fail("case " + i + " (mutation " + kind + ") threw " + t + " on header "
                            + new String(mutated, 0, Math.min(mutated.length, 300), StandardCharsets.ISO_8859_1), t);
                }
            }
        });
        double seconds = (System.nanoTime() - start) * 1e-9;
        System.out.printf("safetensors fuzz: %d cases, %d read, %d rejected, %.2f s%n", CASES, outcome[0], outcome[1], seconds);
        assertEquals(CASES, outcome[0] + outcome[1]);
        assertTrue(outcome[0] > 0 && outcome[1] > CASES / 2, "both outcomes occur, rejection most often: " + Arrays.toString(outcome));
    }

    /** Reads every tensor and checks it against its header entry. */
    private static void readEverything(byte[] file) throws IOException {
        try (SafeTensorsReader r = SafeTensorsReader.open(Path.of("fuzz.safetensors"), file)) {
            long covered = 0;
            for (TensorInfo t : r.tensors()) {
                TensorData d = r.read(t.name());
                assertEquals(t.elements(), d.elements(), t.name());
                assertEquals(t.byteLength(), r.readBytes(t.name()).length, t.name());
                if (t.dtype().isFloat()) assertEquals(d.elements(), d.floats().length);
                else assertEquals(d.elements(), d.longs().length);
                covered += t.byteLength();
            }
            assertEquals(file.length - 8 - headerLength(file), covered, "data fully covered");
            r.metadata().forEach((k, v) -> assertTrue(k != null && v != null));
        }
    }

    /** The golden files and a generated one with scalars, empty tensors and metadata. */
    private static List<byte[]> bases(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String g : List.of("dtypes.safetensors", "tiny_module.safetensors", "empty.safetensors")) {
            out.add(Files.readAllBytes(SafeTensorsGoldenTest.golden(g)));
        }
        Map<String, TensorData> t = new LinkedHashMap<>();
        t.put("scalar", TensorData.f32(new float[] {1.5f}));
        t.put("empty", TensorData.ofFloats(Dtype.F16, new float[0], 0, 4));
        t.put("counter", TensorData.i64Scalar(3));
        t.put("w", TensorData.f32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Path p = dir.resolve("base.safetensors");
        SafeTensors.write(p, t, Map.of("model", "tiny", "vocab", "labels.tsv"));
        out.add(Files.readAllBytes(p));
        return out;
    }

    static long headerLength(byte[] file) {
        return ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static byte[] mutate(byte[] f, int kind, Rng rng) {
        if (f.length < 8) return f.clone();
        long n = headerLength(f);
        int headerEnd = (int) Math.min(f.length, 8 + Math.max(0, Math.min(n, f.length)));
        String header = new String(f, 8, Math.max(0, headerEnd - 8), StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(f, headerEnd, f.length);
        switch (kind) {
            case 0 -> { // flip bits in the length field or the header
                byte[] g = f.clone();
                for (int k = 1 + rng.nextInt(4); k > 0; k--) {
                    int at = rng.nextInt(headerEnd);
                    g[at] ^= (byte) (1 << rng.nextInt(8));
                }
                return g;
            }
            case 1 -> { // a new length field
                long[] choices = {rng.nextLong(), n + 1 + rng.nextInt(16), n - 1 - rng.nextInt(16), 0, f.length, f.length - 8,
                        f.length - 7, Long.MAX_VALUE, -1, 100_000_001L, 1L << 32, 1};
                byte[] g = f.clone();
                ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).putLong(0, choices[rng.nextInt(choices.length)]);
                return g;
            }
            case 2 -> { // replace a number (shape or offset)
                return rebuild(replaceMatch(header, NUMBER, NUMBERS[rng.nextInt(NUMBERS.length)], rng), data, rng);
            }
            case 3 -> { // replace a string (dtype, field name, key)
                return rebuild(replaceMatch(header, STRING, "\"" + STRINGS[rng.nextInt(STRINGS.length)] + "\"", rng), data, rng);
            }
            case 4 -> { // delete a run of header characters
                if (header.isEmpty()) return f.clone();
                int at = rng.nextInt(header.length()), len = 1 + rng.nextInt(Math.min(12, header.length() - at));
                return rebuild(header.substring(0, at) + header.substring(at + len), data, rng);
            }
            case 5 -> { // splice a piece of the header elsewhere
                if (header.length() < 2) return f.clone();
                int from = rng.nextInt(header.length()), len = 1 + rng.nextInt(Math.min(40, header.length() - from));
                int to = rng.nextInt(header.length());
                return rebuild(header.substring(0, to) + header.substring(from, from + len) + header.substring(to), data, rng);
            }
            case 6 -> { // truncate, or append bytes
                if (rng.nextInt(2) == 0) return Arrays.copyOf(f, rng.nextInt(f.length));
                byte[] g = Arrays.copyOf(f, f.length + 1 + rng.nextInt(16));
                for (int i = f.length; i < g.length; i++) g[i] = (byte) rng.nextInt(256);
                return g;
            }
            case 8 -> { // move one tensor's range: overlaps, gaps, ranges past the end
                Matcher m = OFFSETS.matcher(header);
                List<long[]> spans = new ArrayList<>();
                while (m.find()) spans.add(new long[] {m.start(), m.end(), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
                if (spans.isEmpty()) return f.clone();
                long[] sp = spans.get(rng.nextInt(spans.size()));
                long[] shifts = {-8, -4, -2, -1, 1, 2, 4, 8, 16, 1L << 20};
                long d = shifts[rng.nextInt(shifts.length)];
                String moved = "[" + (sp[2] + d) + "," + (sp[3] + d) + "]";
                return rebuild(header.substring(0, (int) sp[0]) + moved + header.substring((int) sp[1]), data, rng);
            }
            case 9 -> { // repeat an entry, under its own name or another
                Matcher m = ENTRY.matcher(header);
                List<String> entries = new ArrayList<>();
                while (m.find()) entries.add(m.group());
                if (entries.isEmpty()) return f.clone();
                String e = entries.get(rng.nextInt(entries.size()));
                if (rng.nextInt(2) == 0) e = "\"copy" + rng.nextInt(100) + e.substring(1);
                int close = header.lastIndexOf('}');
                return rebuild(header.substring(0, close) + "," + e + header.substring(close), data, rng);
            }
            default -> { // overwrite header bytes with JSON punctuation and digits
                byte[] g = f.clone();
                for (int k = 1 + rng.nextInt(3); k > 0 && headerEnd > 8; k--) {
                    g[8 + rng.nextInt(headerEnd - 8)] = (byte) JSON_CHARS.charAt(rng.nextInt(JSON_CHARS.length()));
                }
                return g;
            }
        }
    }

    private static String replaceMatch(String s, Pattern p, String replacement, Rng rng) {
        Matcher m = p.matcher(s);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) spans.add(new int[] {m.start(), m.end()});
        if (spans.isEmpty()) return s;
        int[] span = spans.get(rng.nextInt(spans.size()));
        return s.substring(0, span[0]) + replacement + s.substring(span[1]);
    }

    /** A file around a new header text, with a consistent length field and, usually, space padding. */
    private static byte[] rebuild(String header, byte[] data, Rng rng) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int len = rng.nextInt(3) == 0 ? h.length : (h.length + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(8 + len + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(len).put(h);
        for (int i = h.length; i < len; i++) b.put((byte) ' ');
        b.put(data);
        return b.array();
    }
}
