package io.colisten.train.world;

import io.colisten.engine.io.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.train.graph.Sanitisation;
import io.colisten.train.world.music.Instrument;
import io.colisten.train.world.music.Meter;
import io.colisten.train.world.music.Mode;
import io.colisten.train.world.music.Scene;
import io.colisten.train.world.music.SceneCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * world.json: what a world is (generator version, seed, size) and what was planted in it (families
 * and their scenes, each scene's style and words, the polysemous terms with their two scenes, the
 * co-listen sanitisation). Written first, so that a resumed run can check it continues the same
 * world, and again at the end; the content depends only on the version, seed, size and
 * sanitisation, so it is byte-identical each time.
 */
public final class WorldManifest {
    public static final String NAME = "world.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WorldManifest() {}

    static ObjectNode build(long seed, WorldSpec spec, Sanitisation san) {
        ObjectNode o = JSON.createObjectNode();
        o.put("generator", "colisten-world");
        o.put("version", WorldGenerator.VERSION);
        o.put("seed", seed);
        o.put("size", spec.name());
        o.put("tracks", spec.tracks());
        o.put("users", spec.users());
        o.put("artists", spec.artists());
        o.put("min_seconds", spec.minSeconds());
        o.put("max_seconds", spec.maxSeconds());
        o.put("sample_rate", TrackPlan.SAMPLE_RATE);
        ArrayNode fams = o.putArray("families");
        for (String f : SceneCatalog.families()) {
            ObjectNode fn = fams.addObject();
            fn.put("name", f);
            ArrayNode sn = fn.putArray("scenes");
            for (Scene s : SceneCatalog.all()) if (s.family.equals(f)) sn.add(s.name);
        }
        ArrayNode scenes = o.putArray("scenes");
        for (Scene s : SceneCatalog.all()) {
            ObjectNode sn = scenes.addObject();
            sn.put("name", s.name);
            sn.put("family", s.family);
            sn.putArray("bpm").add(s.bpmLo).add(s.bpmHi);
            ArrayNode meters = sn.putArray("meters");
            for (Meter m : s.meters) meters.add(m.tag);
            ArrayNode modes = sn.putArray("modes");
            for (Mode m : s.modes) modes.add(m.tag);
            Set<String> ins = new LinkedHashSet<>();
            for (var p : s.drums.voices()) ins.add(p.tag);
            for (var list : java.util.List.of(s.bass, s.chords, s.leads, s.arps, s.textures)) {
                for (Instrument i : list) ins.add(i.tag);
            }
            ArrayNode in = sn.putArray("instruments");
            ins.forEach(in::add);
            sn.put("brightness_hz", s.brightness);
            sn.put("loudness_db", s.loudnessDb);
            sn.put("popularity", s.popularity);
            ArrayNode terms = sn.putArray("terms");
            s.terms.forEach(terms::add);
            ArrayNode foreign = sn.putArray("foreign_terms");
            s.foreignTerms.forEach(foreign::add);
        }
        ArrayNode poly = o.putArray("polysemous_terms");
        for (SceneCatalog.Polysemy p : SceneCatalog.POLYSEMOUS) {
            ObjectNode pn = poly.addObject();
            pn.put("term", p.term());
            pn.putArray("scenes").add(p.sceneA()).add(p.sceneB());
            pn.putArray("families").add(SceneCatalog.byName(p.sceneA()).family).add(SceneCatalog.byName(p.sceneB()).family);
        }
        ObjectNode sa = o.putObject("sanitisation");
        sa.put("colisten_count", "listeners who played both tracks");
        sa.put("min_user_plays", san.minUserPlays());
        sa.put("max_tracks_per_user", san.maxTracksPerUser());
        sa.put("min_pair_count", san.minPairCount());
        sa.put("max_neighbours", san.maxNeighbours());
        return o;
    }

    static byte[] bytes(ObjectNode o) throws IOException {
        return (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static void write(Path dir, ObjectNode o) throws IOException {
        Path file = dir.resolve(NAME);
        AtomicFiles.writeBytes(file, bytes(o));
    }

    /** The manifest in a folder, or null when there is none. */
    public static JsonNode read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) return null;
        return JSON.readTree(file.toFile());
    }
}
