package io.colisten.engine.io;

import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Write then read: every writable dtype, 0-d and empty tensors, odd names, the exact layout. */
class SafeTensorsRoundTripTest {
    static final Dtype[] WRITABLE = {Dtype.F32, Dtype.F16, Dtype.BF16, Dtype.F64, Dtype.I64, Dtype.I32, Dtype.I16,
            Dtype.I8, Dtype.U8, Dtype.U16, Dtype.U32, Dtype.U64, Dtype.BOOL};
    static final String[] NAMES = {"conv1.weight", "a", "", "with space", "quote\"back\\slash", "tab\tnew\nline\u0001",
            "\u00e9t\u00e9", "\u65e5\u672c", "emoji\uD83C\uDFB5", "z.last", "bn1.num_batches_tracked", "/"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomTensorsRoundTripExactly(long seed, @TempDir Path dir) throws IOException {
        Rng rng = new Rng(seed);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        int count = rng.nextInt(8);
        for (int i = 0; i < count; i++) {
            String name = NAMES[rng.nextInt(NAMES.length)] + (rng.nextInt(2) == 0 ? "" : "." + i);
            tensors.put(name, randomTensor(rng, WRITABLE[rng.nextInt(WRITABLE.length)]));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (int i = rng.nextInt(3); i > 0; i--) meta.put(NAMES[rng.nextInt(NAMES.length)], NAMES[rng.nextInt(NAMES.length)]);
        Path file = dir.resolve("t.safetensors");
        SafeTensors.write(file, tensors, meta);

        SafeTensors.Contents back = SafeTensors.read(file);
        assertEquals(meta, back.metadata());
        assertEquals(tensors.keySet(), back.tensors().keySet());
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            TensorData got = back.tensors().get(e.getKey());
            assertEquals(e.getValue().dtype(), got.dtype(), e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            assertArrayEquals(e.getValue().bytes(), got.bytes(), e.getKey());
        }
        checkLayout(file);
        // Writing what was read gives the same file.
        Path again = dir.resolve("again.safetensors");
        SafeTensors.write(again, back.tensors(), back.metadata());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    /** Header length a multiple of 8, padded with spaces, every tensor aligned to its element size, no gaps. */
    static void checkLayout(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header length " + n);
        int json = 8 + (int) n;
        while (bytes[json - 1] == ' ') json--;
        assertEquals('}', bytes[json - 1], "the JSON ends before the padding");
        assertTrue(8 + n - json < 8, "fewer than 8 spaces of padding");
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            long end = 0;
            int lastRank = Integer.MAX_VALUE;
            for (TensorInfo t : r.tensors()) {
                assertEquals(end, t.begin(), "contiguous");
                assertEquals(0, (8 + n + t.begin()) % t.dtype().size(), t.name() + " aligned");
                assertTrue(t.dtype().writeRank() <= lastRank, "dtype order");
                lastRank = t.dtype().writeRank();
                end = t.end();
            }
            assertEquals(bytes.length - 8 - n, end);
        }
    }

    static TensorData randomTensor(Rng rng, Dtype dtype) {
        int rank = rng.nextInt(5);
        long[] shape = new long[rank];
        int n = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = rng.nextInt(10) == 0 ? 0 : 1 + rng.nextInt(5);
            n *= (int) shape[i];
        }
        if (dtype == Dtype.F64) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = rng.nextGaussian() * 1e10;
            return TensorData.f64(v, shape);
        }
        if (dtype.isFloat()) {
            float[] v = new float[n];
            float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE};
            for (int i = 0; i < n; i++) v[i] = rng.nextInt(8) == 0 ? special[rng.nextInt(special.length)] : (float) rng.nextGaussian();
            return TensorData.ofFloats(dtype, v, shape);
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            long x = rng.nextLong();
            v[i] = switch (dtype) {
                case BOOL -> x & 1;
                case U8 -> x & 0xFF;
                case I8 -> (byte) x;
                case I16 -> (short) x;
                case U16 -> x & 0xFFFF;
                case I32 -> (int) x;
                case U32 -> x & 0xFFFF_FFFFL;
                default -> x;
            };
        }
        return TensorData.ofLongs(dtype, v, shape);
    }

    /** The reference implementation's own serialisation examples (its tensor.rs tests). */
    @Test
    void matchesTheReferenceBytes(@TempDir Path dir) throws IOException {
        float[] v = {0, 1, 2, 3, 4, 5};
        assertFile(dir, Map.of("attn.0", TensorData.f32(v, 1, 2, 3)), null,
                "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}", 64, v);
        assertFile(dir, Map.of("attn0", TensorData.f32(v, 1, 1, 2, 3)), null,
                "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ", 72, v);
        assertFile(dir, Map.of(), null, "{}      ", 8, new float[0]);
        assertFile(dir, Map.of(), Map.of("framework", "pt"), "{\"__metadata__\":{\"framework\":\"pt\"}}     ", 40, new float[0]);
    }

    private static void assertFile(Path dir, Map<String, TensorData> tensors, Map<String, String> meta, String header,
                                   int headerLength, float[] data) throws IOException {
        Path file = dir.resolve("ref.safetensors");
        SafeTensors.write(file, tensors, meta);
        ByteBuffer want = ByteBuffer.allocate(8 + headerLength + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        want.putLong(headerLength).put(header.getBytes(StandardCharsets.UTF_8));
        for (float f : data) want.putFloat(f);
        assertEquals(headerLength, header.length());
        assertArrayEquals(want.array(), Files.readAllBytes(file));
    }

    @Test
    void tensorsAreOrderedByAlignmentThenUtf8Name(@TempDir Path dir) throws IOException {
        Map<String, TensorData> t = new LinkedHashMap<>();
        t.put("b", TensorData.f32(new float[] {1}));
        t.put("a", TensorData.ofLongs(Dtype.U8, new long[] {1}));
        t.put("\uFF21", TensorData.f32(new float[] {2})); // U+FF21: after U+1F3B5 in UTF-16 order, before it in UTF-8
        t.put("\uD83C\uDFB5", TensorData.f32(new float[] {3}));
        t.put("c", TensorData.i64Scalar(4));
        t.put("B", TensorData.ofFloats(Dtype.F16, new float[] {5}));
        Path file = dir.resolve("order.safetensors");
        SafeTensors.write(file, t, null);
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            assertEquals(List.of("c", "b", "\uFF21", "\uD83C\uDFB5", "B", "a"), r.tensors().stream().map(TensorInfo::name).toList());
        }
    }

    @Test
    void largeTensorsCrossTheChunkBoundaries(@TempDir Path dir) throws IOException {
        Rng rng = new Rng(11);
        float[] big = new float[300_001];
        for (int i = 0; i < big.length; i++) big[i] = (float) rng.nextGaussian();
        double[] doubles = new double[131_075];
        for (int i = 0; i < doubles.length; i++) doubles[i] = rng.nextGaussian();
        Map<String, TensorData> t = Map.of("big", TensorData.f32(big, 300_001), "half", TensorData.ofFloats(Dtype.F16, big, 1, 300_001),
                "doubles", TensorData.f64(doubles, 131_075));
        Path file = dir.resolve("big.safetensors");
        SafeTensors.write(file, t, null);
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            SafeTensorsGoldenTest.assertBits(big, r.read("big").floats());
            float[] into = new float[big.length + 3];
            r.readFloats("big", into, 3);
            SafeTensorsGoldenTest.assertBits(big, Arrays.copyOfRange(into, 3, into.length));
            float[] half = r.read("half").floats();
            for (int i = 0; i < big.length; i++) assertEquals(Float.float16ToFloat(Float.floatToFloat16(big[i])), half[i]);
            assertArrayEquals(doubles, r.read("doubles").doubles());
        }
    }

    /** Reading one tensor touches only its own bytes: another tensor's data can be anything. */
    @Test
    void readsOneTensorWithoutTheOthers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("one.safetensors");
        SafeTensors.write(file, Map.of("a", TensorData.f32(new float[] {1, 2}, 2), "b", TensorData.f32(new float[] {3, 4, 5}, 3)), null);
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            assertArrayEquals(new float[] {3, 4, 5}, r.read("b").floats());
            assertArrayEquals(new float[] {1, 2}, r.read("a").floats());
            SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> r.read("c"));
            assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("no tensor named \"c\""), e.getMessage());
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertEquals((short) 0x3F80, ElementCodec.floatToBf16(1f + 0x1p-8f), "tie goes to even 1.0");
        assertEquals((short) 0x3F82, ElementCodec.floatToBf16(1f + 3 * 0x1p-8f), "tie goes to even 0x3F82");
        assertEquals((short) 0x3F81, ElementCodec.floatToBf16(1f + 0x1p-8f + 0x1p-20f), "above the tie rounds up");
        assertTrue(Float.isNaN(Float.intBitsToFloat(ElementCodec.floatToBf16(Float.intBitsToFloat(0x7F800001)) << 16)), "NaN stays NaN");
        assertEquals((short) 0x7F80, ElementCodec.floatToBf16(Float.POSITIVE_INFINITY));
    }

    @Test
    void writerRefusesWhatTheFormatCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> TensorData.ofLongs(Dtype.U8, new long[] {256}));
        assertThrows(IllegalArgumentException.class, () -> TensorData.ofLongs(Dtype.BOOL, new long[] {2}));
        assertThrows(IllegalArgumentException.class, () -> TensorData.ofLongs(Dtype.F32, new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> TensorData.ofFloats(Dtype.I32, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> TensorData.f32(new float[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> TensorData.f32(new float[0], -1));
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensorsWriter.layout(Map.of("__metadata__", TensorData.i64Scalar(1)), null));
    }

    @Test
    void writesAreAtomic(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, Map.of("a", TensorData.f32(new float[] {1})), null);
        byte[] first = Files.readAllBytes(file);
        SafeTensors.write(file, Map.of("a", TensorData.f32(new float[] {2})), null);
        assertArrayEquals(new float[] {2}, SafeTensors.read(file).tensors().get("a").floats(), "replaced");
        IOException boom = assertThrows(IOException.class, () -> AtomicFiles.write(file, ch -> {
            ch.write(ByteBuffer.wrap(first));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", boom.getMessage());
        assertArrayEquals(new float[] {2}, SafeTensors.read(file).tensors().get("a").floats(), "a failed write leaves the old file");
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file.getFileName().toString()), listing.map(p -> p.getFileName().toString()).toList(), "no temporary left");
        }
    }
}
