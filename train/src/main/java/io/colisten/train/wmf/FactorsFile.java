package io.colisten.train.wmf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.engine.io.AtomicFiles;
import io.colisten.nn.embed.EmbeddingFiles;
import io.colisten.nn.embed.Npy;
import io.colisten.nn.embed.NpyFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder of WMF factors: {@code factors.npy} (float32, N x rank: the column factors Y, the
 * recordings' published factors, see notes/wmf.md), {@code ids.txt} (one recording id per line, graph
 * order) and {@code wmf.json} (rank, alpha, lambda, sweeps, seed, solver, cg_steps, losses and
 * seconds per sweep). Each file is written atomically, ids.txt first and wmf.json last, so a folder
 * with wmf.json is complete; a reader checks that ids and rows agree.
 */
public final class FactorsFile {
    public static final String FACTORS = "factors.npy";
    public static final String IDS = "ids.txt";
    public static final String META = "wmf.json";

    /** Factors read back: row i of {@code factors} (rows x rank) belongs to {@code ids.get(i)}. */
    public record Factors(List<String> ids, float[] factors, int rank) {}

    private FactorsFile() {}

    public static void write(Path dir, WmfResult r) throws IOException {
        String[] ids = r.ids();
        for (int i = 0; i < ids.length; i++) {
            String id = ids[i];
            if (id == null || id.isEmpty() || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(dir.resolve(IDS) + ": id " + i + " is empty or holds a line break");
            }
        }
        Files.createDirectories(dir);
        AtomicFiles.writeText(dir.resolve(IDS), w -> {
            for (String id : ids) {
                w.write(id);
                w.write('\n');
            }
            return ids.length;
        });
        Npy.write(dir.resolve(FACTORS), r.factors().columnFactors(), ids.length, r.factors().rank());
        AtomicFiles.writeString(dir.resolve(META), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(meta(r)) + "\n");
    }

    static ObjectNode meta(WmfResult r) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode j = m.createObjectNode();
        WmfConfig c = r.config();
        j.put("recordings", r.ids().length);
        j.put("rank", c.rank());
        j.put("alpha", (double) c.alpha());
        j.put("lambda", (double) c.lambda());
        j.put("sweeps", r.sweeps().size());
        j.put("seed", c.seed());
        j.put("solver", c.solver().key());
        j.put("cg_steps", c.cgSteps());
        j.put("factors", "column factors Y (x_u . y_i approximates the co-listen preference)");
        ArrayNode losses = j.putArray("losses"), secs = j.putArray("seconds_per_sweep");
        for (SweepStats s : r.sweeps()) {
            losses.add(s.loss());
            secs.add(Math.round(s.seconds() * 1000) / 1000.0);
        }
        return j;
    }

    public static Factors read(Path dir) throws IOException {
        Path npy = dir.resolve(FACTORS), idsFile = dir.resolve(IDS);
        if (!Files.isRegularFile(npy)) throw new NoSuchFileException(npy.toString(), null, "missing (not a WMF factors folder?)");
        Npy.Matrix m = Npy.read(npy);
        List<String> ids = EmbeddingFiles.readIds(idsFile);
        if (ids.size() != m.rows()) {
            throw new NpyFormatException(idsFile, "holds " + ids.size() + " ids but " + npy + " holds " + m.rows() + " rows");
        }
        return new Factors(ids, m.data(), m.cols());
    }
}
