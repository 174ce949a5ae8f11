package io.colisten.nn.embed;

import io.colisten.engine.io.AtomicFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of embeddings: {@code embeddings.npy} (float32, N x d, {@link Npy}) and {@code ids.txt}
 * (UTF-8, one id per line, '\n' after each, row order). Each file is written atomically, ids.txt
 * first; a reader checks that the two agree on N, so a pair torn by a crash between the two
 * renames is reported, never silently misaligned.
 */
public final class EmbeddingFiles {
    public static final String EMBEDDINGS = "embeddings.npy";
    public static final String IDS = "ids.txt";

    private EmbeddingFiles() {}

    public static void write(Path dir, List<String> ids, float[] vectors, int dim) throws IOException {
        if ((long) ids.size() * dim != vectors.length) {
            throw new IllegalArgumentException(dir + ": " + ids.size() + " ids but " + vectors.length + " values at dimension " + dim);
        }
        for (int i = 0; i < ids.size(); i++) {
            String problem = EmbeddingIndex.idProblem(ids.get(i));
            if (problem != null) throw new IllegalArgumentException(dir.resolve(IDS) + ": id " + i + " " + problem);
        }
        Files.createDirectories(dir);
        AtomicFiles.writeText(dir.resolve(IDS), w -> {
            for (String id : ids) {
                w.write(id);
                w.write('\n');
            }
            return ids.size();
        });
        Npy.write(dir.resolve(EMBEDDINGS), vectors, ids.size(), dim);
    }

    /** The index over {@code dir}'s files. */
    public static EmbeddingIndex read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "no such embeddings folder");
        Path npy = dir.resolve(EMBEDDINGS), idsFile = dir.resolve(IDS);
        if (!Files.isRegularFile(npy)) throw new NoSuchFileException(npy.toString(), null, "missing (embeddings folder without " + EMBEDDINGS + ")");
        Npy.Matrix m = Npy.read(npy);
        List<String> ids = readIds(idsFile);
        if (ids.size() != m.rows()) {
            throw new NpyFormatException(idsFile, "holds " + ids.size() + " ids but " + npy + " holds " + m.rows() + " rows");
        }
        try {
            return new EmbeddingIndex(ids, m.data(), m.cols());
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(dir, e.getMessage());
        }
    }

    /** The ids of {@code file}, one per line; an empty line is an error naming the line. */
    public static List<String> readIds(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "missing (one id per line)");
        List<String> ids = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) throw new NpyFormatException(file, "line " + (ids.size() + 1) + " is empty (one id per line)");
                ids.add(line);
            }
        } catch (CharacterCodingException e) {
            throw new NpyFormatException(file, "is not UTF-8 text");
        }
        return ids;
    }
}
