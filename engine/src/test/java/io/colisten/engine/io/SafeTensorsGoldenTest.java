package io.colisten.engine.io;

import io.colisten.engine.param.ParameterSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files written by engine/src/test/python/make_safetensors_golden.py (the reference layout
 * implemented with json and struct; values from formulas recomputed here, bit-exact) are read
 * correctly, and writing what was read reproduces them byte for byte. The files written back also
 * land in target/safetensors-check/ for check_safetensors.py, which loads them into PyTorch.
 */
class SafeTensorsGoldenTest {
    static final Path CHECK_DIR = Path.of("target", "safetensors-check");

    static Path golden(String name) {
        try {
            return Path.of(SafeTensorsGoldenTest.class.getResource("/golden/safetensors/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void dtypesFileHasTheFormulaValues() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(golden("dtypes.safetensors"));
        assertEquals(Map.of("format", "pt", "source", "make_safetensors_golden.py"), c.metadata());
        Map<String, TensorData> t = c.tensors();

        float[] matrix = new float[15];
        for (int i = 0; i < 15; i++) matrix[i] = (float) (i * 0.37 - 2.0);
        assertBits(matrix, t.get("f32.matrix").floats());
        assertArrayEquals(new long[] {3, 5}, t.get("f32.matrix").shape());
        assertBits(new float[] {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE},
                t.get("f32.special").floats());
        assertArrayEquals(new long[0], t.get("f32.scalar").shape());
        assertBits(new float[] {3.5f}, t.get("f32.scalar").floats());
        assertArrayEquals(new long[] {0, 3}, t.get("f32.empty").shape());
        assertEquals(0, t.get("f32.empty").elements());

        float[] f16 = new float[12];
        for (int i = 0; i < 12; i++) f16[i] = (float) (i * 0.25 - 1.5);
        assertEquals(Dtype.F16, t.get("f16.values").dtype());
        assertBits(f16, t.get("f16.values").floats());
        assertBits(new float[] {65504f, 0x1p-24f, -0f, Float.POSITIVE_INFINITY, Float.NaN}, t.get("f16.special").floats());

        float[] bf16 = new float[8];
        for (int i = 0; i < 8; i++) bf16[i] = (float) (i * 0.5 - 3.0);
        assertBits(bf16, t.get("bf16.values").floats());
        // torch's round-to-nearest-even of 1/3 to bfloat16, and ours.
        assertBits(new float[] {Float.intBitsToFloat(0x3EAB << 16)}, t.get("bf16.third").floats());
        assertEquals((short) 0x3EAB, ElementCodec.floatToBf16(1f / 3f));

        double[] f64 = t.get("f64.values").doubles();
        for (int i = 0; i < 4; i++) assertEquals(Double.doubleToRawLongBits(i * 0.1), Double.doubleToRawLongBits(f64[i]));

        assertEquals(7L, t.get("bn.num_batches_tracked").longValue());
        assertArrayEquals(new long[0], t.get("bn.num_batches_tracked").shape());
        assertArrayEquals(new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE}, t.get("i64.values").longs());
        assertArrayEquals(new long[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, t.get("i32.values").longs());
        assertArrayEquals(new long[] {-32768, 32767}, t.get("i16.values").longs());
        assertArrayEquals(new long[] {-128, 127}, t.get("i8.values").longs());
        assertArrayEquals(new long[] {0, 1, 127, 255}, t.get("u8.values").longs());
        assertArrayEquals(new long[] {0, 65535}, t.get("u16.values").longs());
        assertArrayEquals(new long[] {0, 0xFFFF_FFFFL}, t.get("u32.values").longs());
        assertArrayEquals(new long[] {1, -1}, t.get("u64.values").longs(), "U64 keeps its 64 bits");
        assertArrayEquals(new long[] {1, 0, 1}, t.get("bool.values").longs());
        assertBits(new float[] {1f, -1f, 448f, 0x1p-9f, Float.NaN}, t.get("f8e4m3.values").floats());
        assertBits(new float[] {1f, 57344f, Float.POSITIVE_INFINITY, 0x1p-16f}, t.get("f8e5m2.values").floats());
        assertBits(new float[] {1f, -2f}, t.get("\u00fcn\u00efcode.w\u00e9ight").floats());
    }

    @Test
    void readerListsTensorsInDataOrder() throws IOException {
        try (SafeTensorsReader r = SafeTensors.open(golden("dtypes.safetensors"))) {
            List<TensorInfo> infos = r.tensors();
            assertEquals("u64.values", infos.get(0).name(), "largest alignment first");
            assertEquals("bool.values", infos.get(infos.size() - 1).name());
            long end = 0;
            for (TensorInfo i : infos) {
                assertEquals(end, i.begin());
                end = i.end();
            }
        }
    }

    @Test
    void rewritingReproducesTheGoldenBytes(@TempDir Path dir) throws IOException {
        Files.createDirectories(CHECK_DIR);
        for (String name : List.of("dtypes.safetensors", "tiny_module.safetensors", "empty.safetensors")) {
            SafeTensors.Contents c = SafeTensors.read(golden(name));
            Path out = dir.resolve(name);
            SafeTensors.write(out, c.tensors(), c.metadata());
            assertArrayEquals(Files.readAllBytes(golden(name)), Files.readAllBytes(out), name);
            Files.copy(out, CHECK_DIR.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A PyTorch state_dict loads into a ParameterSet with the same names; the int64 counter is left to the caller. */
    @Test
    void pytorchStateDictLoadsIntoParameterSet(@TempDir Path dir) throws IOException {
        ParameterSet ps = new ParameterSet();
        ps.parameter("conv.weight", 2, 1, 3, 3);
        ps.parameter("conv.bias", 2);
        ps.parameter("bn.weight", 2);
        ps.parameter("bn.bias", 2);
        ps.buffer("bn.running_mean", 0f, 2);
        ps.buffer("bn.running_var", 1f, 2);
        ps.parameter("fc.weight", 3, 8);
        ps.parameter("fc.bias", 3);
        Set<String> extra = StateDict.load(golden("tiny_module.safetensors"), ps);
        assertEquals(Set.of("bn.num_batches_tracked"), extra);
        SafeTensors.Contents c = SafeTensors.read(golden("tiny_module.safetensors"));
        assertEquals(1L, c.tensors().get("bn.num_batches_tracked").longValue(), "one training forward");
        for (String name : List.of("conv.weight", "bn.running_mean", "bn.running_var", "fc.bias")) {
            assertBits(c.tensors().get(name).floats(), ps.get(name).toArray());
        }
        assertTrue(ps.get("bn.running_var").get(0) != 1f, "running statistics moved in the golden");

        // Saved back with the counter, the file is the golden one again.
        Map<String, TensorData> sd = StateDict.of(ps);
        sd.put("bn.num_batches_tracked", TensorData.i64Scalar(1));
        Path out = dir.resolve("back.safetensors");
        SafeTensors.write(out, sd, Map.of("format", "pt"));
        assertArrayEquals(Files.readAllBytes(golden("tiny_module.safetensors")), Files.readAllBytes(out));
        Files.createDirectories(CHECK_DIR);
        Files.copy(out, CHECK_DIR.resolve("java_state_dict.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static void assertBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    "element " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }
}
