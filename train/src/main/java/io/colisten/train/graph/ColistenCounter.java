package io.colisten.train.graph;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Co-listen counts from plays, sanitised as the paper does (see {@link Sanitisation}). The
 * co-listen count of a pair is the number of listeners who played both tracks (each at least
 * once; how often does not matter). Memory stays bounded: the pairs of all histories are counted
 * in shards (pairs whose smaller track index falls in the shard), each a {@link LongIntMap} of at
 * most about {@code pairsPerShard} entries, one pass over the plays per shard; only pairs that
 * reach the threshold are kept between shards.
 */
public final class ColistenCounter {
    /** What happened, for the log: listeners kept and dropped, pairs, edges at each stage. */
    public record Stats(int usersKept, int usersDropped, int usersTruncated, long pairIncrements, int shards,
                        long distinctPairs, long edgesAboveThreshold, long edgesKept) {}

    public record Result(ColistenGraph graph, Stats stats) {}

    private ColistenCounter() {}

    public static Result count(PlayLog log, Sanitisation s, Consumer<String> progress) {
        int nUsers = log.users();
        // 1. Listeners kept, each history cut to its most played tracks, listed in track order.
        int[] histStart = new int[nUsers + 1];
        int[] hist = new int[log.tracks().length];
        int kept = 0, dropped = 0, truncated = 0, k = 0;
        long increments = 0;
        for (int u = 0; u < nUsers; u++) {
            histStart[u] = k;
            if (log.plays(u) < s.minUserPlays()) {
                dropped++;
                continue;
            }
            kept++;
            int from = log.userStart()[u], to = log.userStart()[u + 1], n = to - from;
            if (n > s.maxTracksPerUser()) {
                truncated++;
                long[] byCount = new long[n]; // (MAX - count) << 32 | track: most played first, smaller id on ties
                for (int i = 0; i < n; i++) {
                    byCount[i] = (long) (Integer.MAX_VALUE - log.counts()[from + i]) << 32 | log.tracks()[from + i];
                }
                Arrays.sort(byCount);
                for (int i = 0; i < s.maxTracksPerUser(); i++) hist[k + i] = (int) byCount[i];
                Arrays.sort(hist, k, k + s.maxTracksPerUser());
                n = s.maxTracksPerUser();
            } else {
                System.arraycopy(log.tracks(), from, hist, k, n);
            }
            k += n;
            increments += (long) n * (n - 1) / 2;
        }
        histStart[nUsers] = k;

        // 2. Shards by the smaller track of a pair; more shards until the largest fits the budget.
        int nTracks = log.trackIds().length;
        int shards = (int) Math.max(1, Math.min(1 << 16, (increments + s.pairsPerShard() - 1) / s.pairsPerShard()));
        long[] perShard;
        while (true) {
            perShard = new long[shards];
            for (int u = 0; u < nUsers; u++) {
                int from = histStart[u], to = histStart[u + 1];
                for (int i = from; i < to; i++) perShard[hist[i] % shards] += to - 1 - i;
            }
            long max = 0;
            for (long p : perShard) max = Math.max(max, p);
            if (max <= 2L * s.pairsPerShard() || shards >= 1 << 16 || shards >= nTracks) break;
            shards *= 2;
        }

        // 3. Count each shard; keep the pairs at or above the threshold.
        PlaysReader.IntList ea = new PlaysReader.IntList(), eb = new PlaysReader.IntList(), ec = new PlaysReader.IntList();
        long distinct = 0;
        for (int sh = 0; sh < shards; sh++) {
            LongIntMap map = new LongIntMap((int) Math.min(perShard[sh], s.pairsPerShard()));
            for (int u = 0; u < nUsers; u++) {
                int from = histStart[u], to = histStart[u + 1];
                for (int i = from; i < to; i++) {
                    int a = hist[i];
                    if (a % shards != sh) continue;
                    long hi = (long) a << 32;
                    for (int j = i + 1; j < to; j++) map.add(hi | hist[j], 1);
                }
            }
            distinct += map.size();
            map.forEach((key, count) -> {
                if (count >= s.minPairCount()) {
                    ea.add((int) (key >>> 32));
                    eb.add((int) key);
                    ec.add(count);
                }
            });
            if (shards > 1 && progress != null) progress.accept("co-listen: shard " + (sh + 1) + "/" + shards);
        }
        int m = ea.size();
        ColistenGraph candidates = ColistenGraph.fromEdges(log.trackIds(), ea.toArray(), eb.toArray(), ec.toArray(), m);

        // 4. At most maxNeighbours per track: an edge stays when it is among the strongest of both ends.
        ColistenGraph capped = cap(candidates, s.maxNeighbours());
        Stats stats = new Stats(kept, dropped, truncated, increments, shards, distinct, m, capped.edges());
        return new Result(capped, stats);
    }

    static ColistenGraph cap(ColistenGraph g, int maxNeighbours) {
        int n = g.tracks();
        int[] off = g.offsets(), nbr = g.neighbours(), cnt = g.counts();
        boolean[] strong = new boolean[nbr.length];
        for (int i = 0; i < n; i++) {
            int from = off[i], to = off[i + 1];
            if (to - from <= maxNeighbours) {
                Arrays.fill(strong, from, to, true);
                continue;
            }
            long[] rank = new long[to - from]; // strongest first, smaller neighbour on ties
            for (int p = from; p < to; p++) rank[p - from] = (long) (Integer.MAX_VALUE - cnt[p]) << 32 | nbr[p];
            Arrays.sort(rank);
            for (int q = 0; q < maxNeighbours; q++) {
                int j = (int) rank[q];
                strong[Arrays.binarySearch(nbr, from, to, j)] = true;
            }
        }
        PlaysReader.IntList a = new PlaysReader.IntList(), b = new PlaysReader.IntList(), c = new PlaysReader.IntList();
        for (int i = 0; i < n; i++) {
            for (int p = off[i]; p < off[i + 1]; p++) {
                int j = nbr[p];
                if (j <= i || !strong[p]) continue;
                if (!strong[Arrays.binarySearch(nbr, off[j], off[j + 1], i)]) continue;
                a.add(i);
                b.add(j);
                c.add(cnt[p]);
            }
        }
        return ColistenGraph.fromEdges(g.ids(), a.toArray(), b.toArray(), c.toArray(), a.size());
    }
}
