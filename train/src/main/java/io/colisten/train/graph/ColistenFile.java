package io.colisten.train.graph;

import java.io.BufferedReader;
import io.colisten.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * colisten.tsv: one line per undirected pair, {@code id_a<TAB>id_b<TAB>count} with id_a < id_b
 * (Java String order), sorted by id_a then id_b, no header. Written to a temporary file beside
 * the target and renamed into place.
 */
public final class ColistenFile {
    public static final String NAME = "colisten.tsv";

    private ColistenFile() {}

    public static void write(Path file, ColistenGraph g) throws IOException {
        AtomicFiles.writeText(file, w -> {
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < g.tracks(); i++) {
                for (int p = g.offsets()[i]; p < g.offsets()[i + 1]; p++) {
                    int j = g.neighbours()[p];
                    if (j <= i) continue;
                    line.setLength(0);
                    line.append(g.ids()[i]).append('\t').append(g.ids()[j]).append('\t').append(g.counts()[p]).append('\n');
                    w.append(line);
                }
            }
            return g.edges();
        });
    }

    /**
     * Reads a colisten.tsv (a user's or ours). Bad lines (field count, non-positive or non-integer
     * count, a self pair, a track not in {@code knownTrackIds} when given) are reported with
     * file:line and skipped. Pairs may come in either order; a pair given twice keeps the larger count.
     * Counts are taken as given: {@link GraphSource} applies the threshold and the neighbour cap.
     */
    public static ColistenGraph read(Path file, String[] knownTrackIds, Problems problems) throws IOException {
        Map<String, Integer> index = new HashMap<>();
        if (knownTrackIds != null) for (String id : knownTrackIds) index.putIfAbsent(id, index.size());
        PlaysReader.IntList a = new PlaysReader.IntList(), b = new PlaysReader.IntList(), c = new PlaysReader.IntList();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.charAt(0) == '#') continue;
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    problems.report(file + ":" + lineNo + ": expected 3 tab-separated fields (id_a, id_b, count)");
                    continue;
                }
                String x = f[0].strip(), y = f[1].strip();
                long count;
                try {
                    count = Long.parseLong(f[2].strip());
                } catch (NumberFormatException e) {
                    problems.report(file + ":" + lineNo + ": count '" + f[2].strip() + "' is not an integer");
                    continue;
                }
                if (count <= 0) {
                    problems.report(file + ":" + lineNo + ": " + (count < 0 ? "negative count " + count
                            : "count 0 (a pair must have been co-listened at least once)"));
                    continue;
                }
                if (x.isEmpty() || y.isEmpty() || x.equals(y)) {
                    problems.report(file + ":" + lineNo + ": " + (x.equals(y) ? "a track paired with itself" : "empty id"));
                    continue;
                }
                Integer i = index.get(x), j = index.get(y);
                if (knownTrackIds != null && (i == null || j == null)) {
                    problems.report(file + ":" + lineNo + ": track '" + (i == null ? x : y) + "' is not in the corpus");
                    continue;
                }
                if (i == null) index.put(x, i = index.size());
                if (j == null) index.put(y, j = index.size());
                a.add(i);
                b.add(j);
                c.add((int) Math.min(Integer.MAX_VALUE, count));
            }
        }
        String[] ids = new String[index.size()];
        for (Map.Entry<String, Integer> e : index.entrySet()) ids[e.getValue()] = e.getKey();
        String[] sorted = ids.clone();
        Arrays.sort(sorted);
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < sorted.length; i++) pos.put(sorted[i], i);
        int m = a.size();
        int[] ra = new int[m], rb = new int[m];
        for (int e = 0; e < m; e++) {
            ra[e] = pos.get(ids[a.get(e)]);
            rb[e] = pos.get(ids[b.get(e)]);
        }
        return ColistenGraph.fromEdges(sorted, ra, rb, c.toArray(), m);
    }
}
