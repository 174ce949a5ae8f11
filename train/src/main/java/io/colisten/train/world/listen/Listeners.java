package io.colisten.train.world.listen;

import io.colisten.engine.random.Rng;
import io.colisten.train.world.Cast;
import io.colisten.train.world.Seeds;
import io.colisten.train.world.music.Scene;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/**
 * Simulated listeners. A listener's taste is a mixture over one to three favourite scenes, drawn
 * mostly from one family (so scenes of a family share listeners), with popularity-weighted choices;
 * they listen in sessions: a session keeps to one scene of their taste (sometimes a random scene:
 * exploration), picks tracks by popularity, and often follows the artist of the last track. Play
 * counts per (listener, track) are what the session tracks add up to, some tracks replayed.
 * The output is plays.tsv, the same file a real service's logs give.
 */
public final class Listeners {
    static final double EXPLORE = 0.07;
    static final double SAME_FAMILY = 0.75;
    static final double FOLLOW_ARTIST = 0.3;

    private final Cast cast;
    private final List<Scene> scenes;
    private final double[] sceneCum;
    /** CSR per scene: member tracks (first or second scene) and their cumulative popularity. */
    private final int[] sceneStart, sceneTracks;
    private final double[] sceneTrackCum;
    /** CSR per artist: the artist's tracks. */
    private final int[] artistStart, artistTracks;

    public Listeners(Cast cast) {
        this.cast = cast;
        this.scenes = cast.scenes;
        int nScenes = scenes.size(), n = cast.spec.tracks();
        sceneCum = new double[nScenes];
        double acc = 0;
        for (int s = 0; s < nScenes; s++) sceneCum[s] = acc += scenes.get(s).popularity;

        sceneStart = new int[nScenes + 1];
        for (int t = 0; t < n; t++) {
            sceneStart[cast.scene[t] + 1]++;
            if (cast.scene2[t] >= 0) sceneStart[cast.scene2[t] + 1]++;
        }
        for (int s = 0; s < nScenes; s++) sceneStart[s + 1] += sceneStart[s];
        sceneTracks = new int[sceneStart[nScenes]];
        sceneTrackCum = new double[sceneTracks.length];
        int[] fill = Arrays.copyOf(sceneStart, nScenes);
        for (int t = 0; t < n; t++) {
            sceneTracks[fill[cast.scene[t]]++] = t;
            if (cast.scene2[t] >= 0) sceneTracks[fill[cast.scene2[t]]++] = t;
        }
        double c = 0; // one running sum over all segments: a segment's weights are differences
        for (int k = 0; k < sceneTracks.length; k++) sceneTrackCum[k] = c += cast.popularity[sceneTracks[k]];

        int nArtists = cast.artists.length;
        artistStart = new int[nArtists + 1];
        for (int t = 0; t < n; t++) artistStart[cast.artist[t] + 1]++;
        for (int a = 0; a < nArtists; a++) artistStart[a + 1] += artistStart[a];
        artistTracks = new int[n];
        int[] af = Arrays.copyOf(artistStart, nArtists);
        for (int t = 0; t < n; t++) artistTracks[af[cast.artist[t]]++] = t;
    }

    /** Writes every listener's plays, listener by listener, tracks in index order: {@code user\ttrack\tcount}. */
    public long write(Writer out) throws IOException {
        long lines = 0;
        int[] plays = new int[64];
        StringBuilder line = new StringBuilder(64);
        for (int u = 0; u < cast.spec.users(); u++) {
            Rng r = Seeds.stream(cast.seed, Seeds.LISTENER, u);
            int count = listen(r, plays);
            if (count > plays.length) { // rare heavy listeners: redo into a buffer that fits
                plays = new int[count];
                r = Seeds.stream(cast.seed, Seeds.LISTENER, u);
                count = listen(r, plays);
            }
            Arrays.sort(plays, 0, count);
            String user = cast.spec.userId(u);
            for (int i = 0; i < count; ) {
                int j = i;
                while (j < count && plays[j] == plays[i]) j++;
                line.setLength(0);
                line.append(user).append('\t').append(cast.spec.trackId(plays[i])).append('\t').append(j - i).append('\n');
                out.append(line);
                lines++;
                i = j;
            }
        }
        return lines;
    }

    /**
     * One listener's plays (track indices, repeats allowed) into {@code buf}; returns how many
     * there are, which may exceed the buffer (then only the first fit and the caller retries).
     */
    private int listen(Rng r, int[] buf) {
        int k = 1 + (r.nextDouble() < 0.5 ? 1 : 0) + (r.nextDouble() < 0.2 ? 1 : 0);
        int home = drawScene(r.nextDouble());
        String family = scenes.get(home).family;
        int[] taste = new int[k];
        double[] tasteCum = new double[k];
        taste[0] = home;
        for (int i = 1; i < k; i++) {
            int s;
            if (r.nextDouble() < SAME_FAMILY) {
                do s = drawScene(r.nextDouble()); while (!scenes.get(s).family.equals(family)); // ends: home is in it
            } else {
                s = drawScene(r.nextDouble());
            }
            taste[i] = s;
        }
        double c = 0;
        for (int i = 0; i < k; i++) tasteCum[i] = c += StrictMath.exp(0.7 * r.nextGaussian());

        int sessions = 1 + (int) Math.min(79, StrictMath.exp(1.2 + 0.9 * r.nextGaussian()));
        int n = 0;
        for (int s = 0; s < sessions; s++) {
            int scene = r.nextDouble() < EXPLORE ? drawScene(r.nextDouble()) : taste[pick(tasteCum, r.nextDouble())];
            int from = sceneStart[scene], to = sceneStart[scene + 1];
            if (from == to) continue;
            int len = 2 + (int) Math.min(23, -StrictMath.log(1 - r.nextDouble()) * 4);
            int last = -1;
            for (int i = 0; i < len; i++) {
                int t;
                if (last >= 0 && r.nextDouble() < FOLLOW_ARTIST) {
                    int a = cast.artist[last];
                    t = artistTracks[artistStart[a] + r.nextInt(artistStart[a + 1] - artistStart[a])];
                } else {
                    t = sceneTracks[from + pickRange(sceneTrackCum, from, to, r.nextDouble())];
                }
                int repeats = r.nextDouble() < 0.15 ? 2 + r.nextInt(3) : 1;
                for (int q = 0; q < repeats; q++) {
                    if (n < buf.length) buf[n] = t;
                    n++;
                }
                last = t;
            }
        }
        return n;
    }

    private int drawScene(double u) {
        return pickRange(sceneCum, 0, sceneCum.length, u);
    }

    private static int pick(double[] cum, double u) {
        return pickRange(cum, 0, cum.length, u);
    }

    /** Offset i in [0, to-from) where the running sums cum[from..to) first exceed their share u. */
    private static int pickRange(double[] cum, int from, int to, double u) {
        double base = from == 0 ? 0 : cum[from - 1];
        double x = base + u * (cum[to - 1] - base);
        int lo = from, hi = to - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > x) hi = mid;
            else lo = mid + 1;
        }
        return lo - from;
    }
}
