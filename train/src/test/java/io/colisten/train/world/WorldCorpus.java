package io.colisten.train.world;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers that read a world folder the way a user would: truth.tsv's scene and family per track. */
final class WorldCorpus {
    private WorldCorpus() {}

    /** Track id -> its scenes (first = primary), in file order. */
    static Map<String, List<String>> scenes(Path dir) throws IOException {
        return tags(dir, "scene:");
    }

    static Map<String, List<String>> families(Path dir) throws IOException {
        return tags(dir, "family:");
    }

    private static Map<String, List<String>> tags(Path dir, String prefix) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("truth.tsv"))) {
            String[] f = line.split("\t");
            if (f[1].startsWith(prefix)) out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1].substring(prefix.length()));
        }
        return out;
    }

    /** (id_a, id_b) -> count from colisten.tsv. */
    static Map<String, Integer> colisten(Path dir) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("colisten.tsv"))) {
            String[] f = line.split("\t");
            out.put(f[0] + "\t" + f[1], Integer.parseInt(f[2]));
        }
        return out;
    }
}
