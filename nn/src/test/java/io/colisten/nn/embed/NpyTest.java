package io.colisten.nn.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The .npy writer against NumPy 1.24's own files (golden/npy, made by make_npy_golden.py):
 * byte-identical output, values read back exactly, versions 1.0 and 2.0 read, and the layouts we
 * do not take (float64, big-endian, Fortran order, 3-D, damaged files) refused with the file named.
 * Also writes nn/target/npy-check/ for check_npy.py (numpy.load on our files).
 */
class NpyTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/npy");
    static final Path CHECK_DIR = Path.of("target/npy-check");

    @TempDir
    Path dir;

    /** The values make_npy_golden.golden_matrix makes. */
    static float[] goldenMatrix(int rows, int cols) {
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) a[i] = (float) (i * 0.25 - 3);
        if (a.length >= 4) {
            a[0] = -0.0f;
            a[1] = Float.MIN_VALUE;
            a[2] = Float.MAX_VALUE;
            a[3] = 1f / 3f;
        }
        return a;
    }

    private static void assertBitsEqual(float[] want, float[] got) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), "value " + i);
        }
    }

    @Test
    void writesWhatNumpyWritesByteForByte() throws IOException {
        for (int[] s : new int[][] {{3, 128}, {0, 128}, {1, 5}, {1000, 3}}) {
            Path ours = dir.resolve("ours.npy");
            Npy.write(ours, goldenMatrix(s[0], s[1]), s[0], s[1]);
            Path numpy = GOLDEN.resolve("f4_" + s[0] + "x" + s[1] + ".npy");
            assertArrayEquals(Files.readAllBytes(numpy), Files.readAllBytes(ours), numpy.toString());
            assertEquals(0, (Npy.header(s[0], s[1]).length) % 64, "header aligned to 64 bytes");
        }
    }

    @Test
    void readsNumpyFilesOfVersionOneAndTwo() throws IOException {
        for (String name : List.of("f4_3x128", "f4_0x128", "f4_1x5", "f4_1000x3", "f4_v2_2x3")) {
            Npy.Matrix m = Npy.read(GOLDEN.resolve(name + ".npy"));
            assertBitsEqual(goldenMatrix(m.rows(), m.cols()), m.data());
        }
        Npy.Matrix v2 = Npy.read(GOLDEN.resolve("f4_v2_2x3.npy"));
        assertEquals(2, v2.rows());
        assertEquals(3, v2.cols());
    }

    @Test
    void refusesLayoutsItDoesNotRead() {
        refused(GOLDEN.resolve("f8_2x3.npy"), "dtype '<f8' is not little-endian float32 ('<f4')");
        refused(GOLDEN.resolve("be_f4_2x3.npy"), "dtype '>f4' is not little-endian float32");
        refused(GOLDEN.resolve("fortran_2x3.npy"), "Fortran order is not supported");
        refused(GOLDEN.resolve("f4_2x3x4.npy"), "shape has 3 dimensions, expected 2 (N, D)");
    }

    @Test
    void refusesDamagedFiles() throws IOException {
        byte[] good = Files.readAllBytes(GOLDEN.resolve("f4_3x128.npy"));
        Path f = dir.resolve("bad.npy");
        Files.write(f, Arrays.copyOf(good, good.length - 4));
        refused(f, "holds 1532 bytes of data but shape (3, 128) needs 1536");
        Files.write(f, Arrays.copyOf(good, good.length + 4));
        refused(f, "holds 1540 bytes of data");
        byte[] magic = good.clone();
        magic[1] = 'X';
        Files.write(f, magic);
        refused(f, "not a .npy file");
        byte[] version = good.clone();
        version[6] = 9;
        Files.write(f, version);
        refused(f, "format version 9.0 is not 1.0, 2.0 or 3.0");
        byte[] key = good.clone();
        int at = new String(good, StandardCharsets.ISO_8859_1).indexOf("'shape'");
        key[at + 1] = 'S';
        Files.write(f, key);
        refused(f, "header keys are");
        byte[] dict = good.clone();
        dict[new String(good, StandardCharsets.ISO_8859_1).indexOf("128)")] = 'x';
        Files.write(f, dict);
        refused(f, "header expected a dimension");
        Files.write(f, Arrays.copyOf(good, 40));
        IOException e = assertThrows(IOException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    private static void refused(Path f, String part) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }

    static List<String> checkIds(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(i == 1 ? "récit/ünï 1.wav" : "rec-" + i);
        return ids;
    }

    @Test
    void embeddingFoldersRoundTripAndGoToTheNumpyCheck() throws IOException {
        for (int[] s : new int[][] {{7, 128}, {4100, 4}, {0, 128}}) {
            float[] values = goldenMatrix(s[0], s[1]);
            Path out = CHECK_DIR.resolve("embeddings-" + s[0] + "x" + s[1]);
            EmbeddingFiles.write(out, checkIds(s[0]), values, s[1]);
            Npy.Matrix m = Npy.read(out.resolve(EmbeddingFiles.EMBEDDINGS));
            assertEquals(s[0], m.rows());
            assertEquals(s[1], m.cols());
            assertBitsEqual(values, m.data());
            assertEquals(checkIds(s[0]), EmbeddingFiles.readIds(out.resolve(EmbeddingFiles.IDS)));
        }
    }

    @Test
    void idsAndRowsMustAgree() throws IOException {
        Path out = dir.resolve("e");
        EmbeddingFiles.write(out, List.of("a", "b", "c"), new float[] {1, 0, 0, 1, 1, 1}, 2);
        assertEquals(List.of("a", "b", "c"), EmbeddingIndex.read(out).ids());
        Files.writeString(out.resolve(EmbeddingFiles.IDS), "a\nb\n");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> EmbeddingIndex.read(out));
        assertTrue(e.getMessage().contains("holds 2 ids but " + out.resolve(EmbeddingFiles.EMBEDDINGS) + " holds 3 rows"),
                e.getMessage());
        Files.writeString(out.resolve(EmbeddingFiles.IDS), "a\n\nc\n");
        e = assertThrows(NpyFormatException.class, () -> EmbeddingIndex.read(out));
        assertTrue(e.getMessage().contains("line 2 is empty"), e.getMessage());
        Files.writeString(out.resolve(EmbeddingFiles.IDS), "a\nb\na\n");
        e = assertThrows(NpyFormatException.class, () -> EmbeddingIndex.read(out));
        assertTrue(e.getMessage().contains("id 'a' appears twice"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingFiles.write(out, List.of("a", "b\nc", "d"), new float[6], 2));
        assertTrue(bad.getMessage().contains("id 1 'b c' holds a line break"), bad.getMessage());
    }
}
