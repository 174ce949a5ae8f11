package io.colisten.train.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads plays.tsv: one line per (listener, track) with {@code user<TAB>track<TAB>count}, no header;
 * blank lines and lines starting with '#' are skipped. Repeated (user, track) lines add up. Bad
 * lines are reported with file:line and skipped: a wrong number of fields, an empty id, a count
 * that is not an integer, a negative count, a track not in the corpus (when the corpus's ids are
 * given). A zero count is no play and is skipped silently.
 */
public final class PlaysReader {
    private PlaysReader() {}

    /**
     * @param knownTrackIds the corpus's track ids (any order), or null to take every id seen
     */
    public static PlayLog read(Path file, String[] knownTrackIds, Problems problems) throws IOException {
        Map<String, Integer> trackIndex = new HashMap<>();
        String[] sortedKnown = null;
        if (knownTrackIds != null) {
            sortedKnown = knownTrackIds.clone();
            Arrays.sort(sortedKnown);
            for (int i = 0; i < sortedKnown.length; i++) trackIndex.put(sortedKnown[i], i);
        }
        Map<String, Integer> userIndex = new HashMap<>();
        IntList us = new IntList(), ts = new IntList(), cs = new IntList();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.charAt(0) == '#') continue;
                int t1 = line.indexOf('\t');
                int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
                if (t1 < 0 || t2 < 0 || line.indexOf('\t', t2 + 1) >= 0) {
                    problems.report(file + ":" + lineNo + ": expected 3 tab-separated fields (user, track, count)");
                    continue;
                }
                String user = line.substring(0, t1).strip();
                String track = line.substring(t1 + 1, t2).strip();
                String countText = line.substring(t2 + 1).strip();
                if (user.isEmpty() || track.isEmpty()) {
                    problems.report(file + ":" + lineNo + ": empty " + (user.isEmpty() ? "user" : "track") + " id");
                    continue;
                }
                long count;
                try {
                    count = Long.parseLong(countText);
                } catch (NumberFormatException e) {
                    problems.report(file + ":" + lineNo + ": count '" + countText + "' is not an integer");
                    continue;
                }
                if (count < 0) {
                    problems.report(file + ":" + lineNo + ": negative count " + count);
                    continue;
                }
                if (count == 0) continue;
                Integer t = trackIndex.get(track);
                if (t == null) {
                    if (sortedKnown != null) {
                        problems.report(file + ":" + lineNo + ": track '" + track + "' is not in the corpus");
                        continue;
                    }
                    t = trackIndex.size();
                    trackIndex.put(track, t);
                }
                Integer u = userIndex.get(user);
                if (u == null) {
                    u = userIndex.size();
                    userIndex.put(user, u);
                }
                us.add(u);
                ts.add(t);
                cs.add((int) Math.min(Integer.MAX_VALUE, count));
            }
        }
        String[] trackIds = sortedKnown;
        int[] remap = null;
        if (trackIds == null) { // ids in first-seen order: sort them and renumber
            trackIds = new String[trackIndex.size()];
            for (Map.Entry<String, Integer> e : trackIndex.entrySet()) trackIds[e.getValue()] = e.getKey();
            String[] sorted = trackIds.clone();
            Arrays.sort(sorted);
            Map<String, Integer> pos = new HashMap<>();
            for (int i = 0; i < sorted.length; i++) pos.put(sorted[i], i);
            remap = new int[trackIds.length];
            for (int i = 0; i < trackIds.length; i++) remap[i] = pos.get(trackIds[i]);
            trackIds = sorted;
        }
        String[] userIds = new String[userIndex.size()];
        for (Map.Entry<String, Integer> e : userIndex.entrySet()) userIds[e.getValue()] = e.getKey();
        return group(trackIds, userIds, us, ts, cs, remap);
    }

    /** Groups lines by listener (counting sort), then sorts each listener's tracks and adds up repeats. */
    private static PlayLog group(String[] trackIds, String[] userIds, IntList us, IntList ts, IntList cs, int[] remap) {
        int nUsers = userIds.length, n = us.size();
        int[] start = new int[nUsers + 1];
        for (int i = 0; i < n; i++) start[us.get(i) + 1]++;
        for (int u = 0; u < nUsers; u++) start[u + 1] += start[u];
        long[] packed = new long[n]; // track << 32 | count, per user range
        int[] fill = Arrays.copyOf(start, nUsers);
        for (int i = 0; i < n; i++) {
            int t = remap == null ? ts.get(i) : remap[ts.get(i)];
            packed[fill[us.get(i)]++] = (long) t << 32 | cs.get(i);
        }
        int[] tracks = new int[n], counts = new int[n], outStart = new int[nUsers + 1];
        int k = 0;
        for (int u = 0; u < nUsers; u++) {
            Arrays.sort(packed, start[u], start[u + 1]);
            outStart[u] = k;
            for (int i = start[u]; i < start[u + 1]; i++) {
                int t = (int) (packed[i] >>> 32), c = (int) packed[i];
                if (k > outStart[u] && tracks[k - 1] == t) {
                    counts[k - 1] = (int) Math.min(Integer.MAX_VALUE, (long) counts[k - 1] + c);
                } else {
                    tracks[k] = t;
                    counts[k] = c;
                    k++;
                }
            }
        }
        outStart[nUsers] = k;
        return new PlayLog(trackIds, userIds, outStart, Arrays.copyOf(tracks, k), Arrays.copyOf(counts, k));
    }

    /** A growable int array. */
    static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int get(int i) {
            return a[i];
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
