package io.colisten.train.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.train.graph.ColistenFile;
import io.colisten.train.graph.DegreeStats;
import io.colisten.train.graph.Problems;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A corpus folder's statistics (what {@code colisten inspect} prints). Each part reads one file and
 * is null when that file is absent:
 * <ul>
 * <li>tracks.jsonl: {@code tracks}; {@code audio_hours} from the WAV headers of the tracks' audio
 *     files, {@code audio_unreadable} tracks whose audio is missing or not a WAV we can measure;</li>
 * <li>plays.tsv: {@code users} (distinct), {@code plays} (sum of counts), {@code play_lines};</li>
 * <li>colisten.tsv: {@code colisten_edges} (undirected pairs), {@code degree_min},
 *     {@code degree_median}, {@code degree_max} over the corpus's tracks (isolated tracks count as
 *     degree 0; without tracks.jsonl, over the tracks that appear in colisten.tsv);</li>
 * <li>truth.tsv: {@code truth_facts} (lines), {@code truth_tags} (distinct tags),
 *     {@code truth_tag_counts} (tracks per tag).</li>
 * </ul>
 * Malformed lines are skipped and reported through the sink, with file:line.
 */
public final class CorpusStats {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode o = JSON.createObjectNode();

    private CorpusStats() {}

    public static CorpusStats of(Path dir, Consumer<String> problems) throws IOException {
        CorpusStats s = new CorpusStats();
        Problems p = new Problems(20, problems);
        String[] ids = s.tracks(dir);
        s.plays(dir, p);
        s.colisten(dir, ids, p);
        s.truth(dir, p);
        return s;
    }

    public ObjectNode json() {
        return o;
    }

    public String toJson() throws IOException {
        return JSON.writeValueAsString(o);
    }

    private String[] tracks(Path dir) throws IOException {
        Path f = dir.resolve(TracksFile.NAME);
        if (!Files.isRegularFile(f)) {
            o.putNull("tracks");
            o.putNull("audio_hours");
            o.putNull("audio_unreadable");
            return null;
        }
        List<String> ids = new ArrayList<>();
        double[] seconds = {0};
        long[] unreadable = {0};
        TracksFile.stream(f, t -> {
            ids.add(t.id());
            try {
                Path audio = dir.resolve(t.audio());
                WavInfo w = Files.isRegularFile(audio) ? WavInfo.read(audio) : null;
                if (w == null) unreadable[0]++;
                else seconds[0] += w.seconds();
            } catch (IOException e) {
                unreadable[0]++;
            }
        });
        o.put("tracks", ids.size());
        o.put("audio_hours", Math.round(seconds[0] / 3600 * 1000) / 1000.0);
        o.put("audio_unreadable", unreadable[0]);
        return ids.toArray(new String[0]);
    }

    private void plays(Path dir, Problems p) throws IOException {
        Path f = dir.resolve("plays.tsv");
        if (!Files.isRegularFile(f)) {
            o.putNull("users");
            o.putNull("plays");
            o.putNull("play_lines");
            return;
        }
        Set<String> users = new HashSet<>();
        long plays = 0, lines = 0, lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.charAt(0) == '#') continue;
                String[] x = line.split("\t", -1);
                long c;
                try {
                    c = x.length == 3 ? Long.parseLong(x[2].strip()) : -1;
                } catch (NumberFormatException e) {
                    c = -1;
                }
                if (c < 0) {
                    p.report(f + ":" + lineNo + ": expected user, track and a count >= 0");
                    continue;
                }
                users.add(x[0].strip());
                plays += c;
                lines++;
            }
        }
        o.put("users", users.size());
        o.put("plays", plays);
        o.put("play_lines", lines);
    }

    private void colisten(Path dir, String[] ids, Problems p) throws IOException {
        Path f = dir.resolve(ColistenFile.NAME);
        if (!Files.isRegularFile(f)) {
            for (String k : new String[] {"colisten_edges", "degree_min", "degree_median", "degree_max"}) o.putNull(k);
            return;
        }
        // Over the ids of tracks.jsonl when there is one: its isolated tracks count as degree 0.
        var g = ColistenFile.read(f, ids, p);
        DegreeStats d = DegreeStats.of(g);
        o.put("colisten_edges", g.edges());
        if (d.tracks() == 0) {
            o.putNull("degree_min");
            o.putNull("degree_median");
            o.putNull("degree_max");
            return;
        }
        o.put("degree_min", d.min());
        o.put("degree_median", d.median());
        o.put("degree_max", d.max());
    }

    private void truth(Path dir, Problems p) throws IOException {
        Path f = dir.resolve("truth.tsv");
        if (!Files.isRegularFile(f)) {
            o.putNull("truth_facts");
            o.putNull("truth_tags");
            o.putNull("truth_tag_counts");
            return;
        }
        Map<String, Long> counts = new TreeMap<>();
        long facts = 0, lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.charAt(0) == '#') continue;
                String[] x = line.split("\t", -1);
                if (x.length < 2 || x[0].isBlank() || x[1].isBlank()) {
                    p.report(f + ":" + lineNo + ": expected id<TAB>tag");
                    continue;
                }
                facts++;
                for (int i = 1; i < x.length; i++) if (!x[i].isBlank()) counts.merge(x[i].strip(), 1L, Long::sum);
            }
        }
        o.put("truth_facts", facts);
        o.put("truth_tags", counts.size());
        ObjectNode c = o.putObject("truth_tag_counts");
        counts.forEach(c::put);
    }
}
