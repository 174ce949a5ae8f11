package io.colisten.train.store;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read access to a feature store: frames.f16 memory-mapped, the index in arrays, so that any
 * window of any recording is an O(1) lookup plus a copy of its frames. Sees the store as it was
 * when opened (entries committed later by a running ingest appear on the next open). Thread-safe
 * for reading; {@link #close()} unmaps.
 */
public final class FeatureStore implements AutoCloseable {
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path dir;
    private final StoreManifest manifest;
    private final String[] ids;
    private final long[] offsets;
    private final int[] frames;
    private final double[] seconds;
    private final boolean[] clipped;
    private final boolean[] padded;
    private final Map<String, Integer> ordinals;
    private final Arena arena;
    private final MemorySegment data;

    private FeatureStore(Path dir, StoreManifest manifest, List<StoreEntry> entries, Arena arena, MemorySegment data) {
        this.dir = dir;
        this.manifest = manifest;
        int n = entries.size();
        ids = new String[n];
        offsets = new long[n];
        frames = new int[n];
        seconds = new double[n];
        clipped = new boolean[n];
        padded = new boolean[n];
        ordinals = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            StoreEntry e = entries.get(i);
            ids[i] = e.id();
            offsets[i] = e.offset();
            frames[i] = e.frames();
            seconds[i] = e.seconds();
            clipped[i] = e.clipped();
            padded[i] = e.padded();
            ordinals.put(e.id(), i);
        }
        this.arena = arena;
        this.data = data;
    }

    /** Opens the store in {@code dir}; a missing or damaged store is an error naming the file. */
    public static FeatureStore open(Path dir) throws IOException {
        Path man = StoreFiles.manifest(dir);
        if (!Files.isRegularFile(man)) {
            throw new StoreException(dir + ": no feature store here (no " + StoreFiles.MANIFEST
                    + "); run `colisten ingest` first");
        }
        StoreManifest manifest = StoreManifest.read(man);
        IndexScan scan = IndexScan.read(StoreFiles.index(dir));
        Path dat = StoreFiles.frames(dir);
        long needed = scan.frameEnd() * manifest.bytesPerFrame();
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(dat, StandardOpenOption.READ)) {
            if (ch.size() < needed) {
                throw new StoreException(dat + ": holds " + ch.size() + " bytes but the index needs " + needed);
            }
            MemorySegment seg = needed == 0 ? MemorySegment.NULL : ch.map(FileChannel.MapMode.READ_ONLY, 0, needed, arena);
            return new FeatureStore(dir, manifest, scan.entries(), arena, seg);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    public StoreManifest manifest() {
        return manifest;
    }

    public int bands() {
        return manifest.bands();
    }

    /** Number of recordings. */
    public int size() {
        return ids.length;
    }

    /** Ordinal of a recording, or -1 when the store does not hold it. */
    public int ordinal(String id) {
        Integer i = ordinals.get(id);
        return i == null ? -1 : i;
    }

    public String id(int ordinal) {
        return ids[ordinal];
    }

    public int frames(int ordinal) {
        return frames[ordinal];
    }

    public long offset(int ordinal) {
        return offsets[ordinal];
    }

    public double seconds(int ordinal) {
        return seconds[ordinal];
    }

    public boolean clipped(int ordinal) {
        return clipped[ordinal];
    }

    public boolean padded(int ordinal) {
        return padded[ordinal];
    }

    public StoreEntry entry(int ordinal) {
        return new StoreEntry(ids[ordinal], offsets[ordinal], frames[ordinal], seconds[ordinal],
                clipped[ordinal], padded[ordinal]);
    }

    /** Frames in the whole store. */
    public long totalFrames() {
        return ids.length == 0 ? 0 : offsets[ids.length - 1] + frames[ids.length - 1];
    }

    /** Audio seconds in the whole store. */
    public double totalSeconds() {
        double s = 0;
        for (double x : seconds) {
            s += x;
        }
        return s;
    }

    /**
     * Copies frames [start, start + count) of a recording into {@code out} as floats, frame-major
     * (count x bands) from {@code outOff}. A 3-second window is {@code count = 300}.
     */
    public void read(int ordinal, int start, int count, float[] out, int outOff) {
        if (start < 0 || count < 0 || start + count > frames[ordinal]) {
            throw new IndexOutOfBoundsException("frames [" + start + ", " + (start + count) + ") of recording '"
                    + ids[ordinal] + "' which has " + frames[ordinal]);
        }
        int bands = manifest.bands();
        int n = count * bands;
        if (outOff < 0 || outOff + n > out.length) {
            throw new IndexOutOfBoundsException("output of " + out.length + " floats cannot take " + n + " at " + outOff);
        }
        long base = (offsets[ordinal] + start) * bands * 2L;
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Float.float16ToFloat(data.get(HALF, base + 2L * i));
        }
    }

    /** All frames of a recording (frames x bands). */
    public float[] readAll(int ordinal) {
        float[] out = new float[frames[ordinal] * manifest.bands()];
        read(ordinal, 0, frames[ordinal], out, 0);
        return out;
    }

    @Override
    public void close() {
        arena.close();
    }
}
