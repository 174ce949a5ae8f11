package io.colisten.train.store;

import io.colisten.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Appends recordings to a feature store so that a kill -9 at any moment loses nothing that was
 * committed and leaves nothing half-written visible.
 * <p>
 * Commit order for a group of recordings: (1) their frames are appended to frames.f16 and forced
 * to disk; (2) only then their index lines are appended to index.tsv and forced. An index line
 * therefore never points at data that is not durable. On open, a torn last index line is cut off
 * and frames.f16 is cut back to the end of the last indexed recording (frames written by a killed
 * run but never indexed), so a rerun continues exactly where the killed one stopped.
 * <p>
 * One writer per store at a time (a file lock on index.tsv); {@link #append} is thread-safe.
 */
public final class FeatureStoreWriter implements AutoCloseable {
    /** A recording ready to be appended: its frames already in float16 little-endian bytes. */
    public record Pending(String id, byte[] halfFrames, int frames, double seconds, boolean clipped, boolean padded) {}

    private final Path dir;
    private final StoreManifest manifest;
    private final FileChannel frames;
    private final FileChannel index;
    private final FileLock lock;
    private final Set<String> ids = new HashSet<>();
    private long frameEnd;
    private long recordings;
    private double seconds;

    private FeatureStoreWriter(Path dir, StoreManifest manifest, FileChannel frames, FileChannel index,
                               FileLock lock, IndexScan scan) {
        this.dir = dir;
        this.manifest = manifest;
        this.frames = frames;
        this.index = index;
        this.lock = lock;
        for (StoreEntry e : scan.entries()) {
            ids.add(e.id());
            seconds += e.seconds();
        }
        this.recordings = scan.entries().size();
        this.frameEnd = scan.frameEnd();
    }

    /**
     * Opens the store in {@code dir} for appending, creating it when the folder has none, and
     * repairs a tail torn by a crash. A store made with another front end is refused.
     */
    public static FeatureStoreWriter openOrCreate(Path dir, StoreManifest manifest) throws IOException {
        Files.createDirectories(dir);
        Path man = StoreFiles.manifest(dir);
        Path idx = StoreFiles.index(dir);
        Path dat = StoreFiles.frames(dir);
        if (Files.exists(man)) {
            StoreManifest found = StoreManifest.read(man);
            if (!found.equals(manifest)) {
                throw new StoreException(man + ": this store was made with other front-end settings ("
                        + found + "); use another --store folder");
            }
        } else {
            if (Files.exists(idx) || Files.exists(dat)) {
                throw new StoreException(dir + ": has " + StoreFiles.INDEX + " or " + StoreFiles.FRAMES
                        + " but no " + StoreFiles.MANIFEST + "; not a store this build made");
            }
            // Index first (header only), manifest last: a store exists once its manifest does.
            AtomicFiles.writeString(idx, IndexLines.HEADER);
            Files.deleteIfExists(dat);
            Files.createFile(dat);
            manifest.write(man);
        }
        FileChannel index = FileChannel.open(idx, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = index.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            index.close();
            throw new StoreException(dir + ": the store is being written by another ingest");
        }
        FileChannel frames = null;
        try {
            IndexScan scan = IndexScan.read(idx);
            frames = FileChannel.open(dat, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long needed = scan.frameEnd() * manifest.bytesPerFrame();
            if (frames.size() < needed) {
                throw new StoreException(dat + ": holds " + frames.size() + " bytes but the index needs "
                        + needed + "; the store is corrupt");
            }
            if (scan.goodBytes() < index.size()) {
                index.truncate(scan.goodBytes());
                index.force(true);
            }
            if (frames.size() > needed) {
                frames.truncate(needed);
                frames.force(true);
            }
            return new FeatureStoreWriter(dir, manifest, frames, index, lock, scan);
        } catch (IOException | RuntimeException e) {
            lock.release();
            index.close();
            if (frames != null) {
                frames.close();
            }
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    public StoreManifest manifest() {
        return manifest;
    }

    public synchronized boolean contains(String id) {
        return ids.contains(id);
    }

    public synchronized long recordings() {
        return recordings;
    }

    public synchronized long frames() {
        return frameEnd;
    }

    public synchronized double audioSeconds() {
        return seconds;
    }

    /** Appends and commits a group of recordings (see the class comment for the order). */
    public synchronized List<StoreEntry> append(List<Pending> group) throws IOException {
        List<StoreEntry> entries = new ArrayList<>(group.size());
        StringBuilder lines = new StringBuilder();
        long offset = frameEnd;
        Set<String> groupIds = new HashSet<>();
        for (Pending p : group) {
            if (ids.contains(p.id()) || !groupIds.add(p.id())) {
                throw new IllegalArgumentException("recording '" + p.id() + "' is already in the store " + dir);
            }
            if (p.halfFrames().length != (long) p.frames() * manifest.bytesPerFrame()) {
                throw new IllegalArgumentException("recording '" + p.id() + "': " + p.halfFrames().length
                        + " bytes for " + p.frames() + " frames");
            }
            StoreEntry e = new StoreEntry(p.id(), offset, p.frames(), p.seconds(), p.clipped(), p.padded());
            entries.add(e);
            lines.append(IndexLines.format(e));
            offset = e.end();
        }
        long pos = frameEnd * manifest.bytesPerFrame();
        for (Pending p : group) {
            pos = writeFully(frames, ByteBuffer.wrap(p.halfFrames()), pos);
        }
        frames.force(false);
        writeFully(index, ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)), index.size());
        index.force(false);
        for (StoreEntry e : entries) {
            ids.add(e.id());
            seconds += e.seconds();
        }
        recordings += entries.size();
        frameEnd = offset;
        return entries;
    }

    private static long writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
        return pos;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            lock.release();
        } finally {
            index.close();
            frames.close();
        }
    }
}
