package io.colisten.train.world;

import io.colisten.engine.random.Rng;
import io.colisten.train.world.music.Scene;
import io.colisten.train.world.music.SceneCatalog;
import io.colisten.train.world.text.ArtistNames;
import java.util.List;

/**
 * Who is who in a world, held for every track in compact arrays (16 bytes a track): each track's
 * scene, optional second scene, artist and popularity, and the artists themselves. Scenes get
 * quotas proportional to their popularity with at least two tracks each (when the world has room),
 * shuffled over the track indices; everything else comes from per-track streams.
 */
public final class Cast {
    /** Share of tracks that mix two scenes. */
    static final double MIXED_SHARE = 0.08;

    public final WorldSpec spec;
    public final long seed;
    public final List<Scene> scenes = SceneCatalog.all();
    public final Artist[] artists;
    /** Per track: scene index, second scene index or -1, artist index, popularity weight. */
    public final int[] scene, scene2, artist;
    public final float[] popularity;
    /** Artists per scene (indices into {@link #artists}) and their cumulative popularity. */
    private final int[][] sceneArtists;
    private final double[][] sceneArtistCum;

    public Cast(long seed, WorldSpec spec) {
        this.seed = seed;
        this.spec = spec;
        int nScenes = scenes.size();
        artists = new Artist[spec.artists()];
        double[] sceneCum = cumulativePopularity();
        int[] perScene = new int[nScenes];
        for (int i = 0; i < artists.length; i++) {
            Rng r = Seeds.stream(seed, Seeds.ARTIST, i);
            int s = i < nScenes ? i : draw(sceneCum, r.nextDouble());
            perScene[s]++;
            artists[i] = new Artist(i, ArtistNames.generate(r, scenes.get(s)), s,
                    StrictMath.exp(0.9 * r.nextGaussian()), 0.75 + 0.5 * r.nextDouble(), 0.15 * r.nextDouble(),
                    r.nextInt(1 << 20), r.nextDouble());
        }
        sceneArtists = new int[nScenes][];
        sceneArtistCum = new double[nScenes][];
        for (int s = 0; s < nScenes; s++) {
            sceneArtists[s] = new int[perScene[s]];
            sceneArtistCum[s] = new double[perScene[s]];
        }
        int[] fill = new int[nScenes];
        for (Artist a : artists) {
            int s = a.scene();
            int k = fill[s]++;
            sceneArtists[s][k] = a.index();
            sceneArtistCum[s][k] = (k == 0 ? 0 : sceneArtistCum[s][k - 1]) + a.popularity();
        }

        int n = spec.tracks();
        scene = quotaScenes(n);
        scene2 = new int[n];
        artist = new int[n];
        popularity = new float[n];
        for (int t = 0; t < n; t++) {
            Rng r = Seeds.stream(seed, Seeds.CAST, t);
            int s = scene[t];
            scene2[t] = -1;
            if (r.nextDouble() < MIXED_SHARE) {
                scene2[t] = secondScene(r, s);
            }
            int[] pool = sceneArtists[s];
            if (pool.length == 0) {
                pool = new int[] {t % artists.length};
                artist[t] = pool[0];
            } else {
                artist[t] = pool[draw(sceneArtistCum[s], r.nextDouble())];
            }
            popularity[t] = (float) (artists[artist[t]].popularity() * StrictMath.exp(0.8 * r.nextGaussian()));
        }
    }

    private int secondScene(Rng r, int s) {
        String family = scenes.get(s).family;
        boolean sameFamily = r.nextDouble() < 0.5;
        while (true) {
            int o = r.nextInt(scenes.size());
            if (o != s && scenes.get(o).family.equals(family) == sameFamily) return o;
        }
    }

    private double[] cumulativePopularity() {
        double[] cum = new double[scenes.size()];
        double acc = 0;
        for (int i = 0; i < cum.length; i++) {
            acc += scenes.get(i).popularity;
            cum[i] = acc;
        }
        return cum;
    }

    /** Index i with cum[i-1] <= u * total < cum[i]. */
    static int draw(double[] cum, double u) {
        double x = u * cum[cum.length - 1];
        int lo = 0, hi = cum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > x) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** Scene per track: popularity quotas (two each at least, when there is room), shuffled. */
    private int[] quotaScenes(int n) {
        int nScenes = scenes.size();
        int floor = n >= 2 * nScenes ? 2 : n >= nScenes ? 1 : 0;
        int[] quota = new int[nScenes];
        double total = 0;
        for (Scene s : scenes) total += s.popularity;
        int rest = n - floor * nScenes;
        int used = 0;
        double[] frac = new double[nScenes];
        for (int i = 0; i < nScenes; i++) {
            double share = rest * scenes.get(i).popularity / total;
            quota[i] = floor + (int) share;
            frac[i] = share - (int) share;
            used += quota[i];
        }
        while (used < n) { // largest remainders first, lowest index on ties
            int best = 0;
            for (int i = 1; i < nScenes; i++) if (frac[i] > frac[best]) best = i;
            quota[best]++;
            frac[best] = -1;
            used++;
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < nScenes; i++) for (int j = 0; j < quota[i]; j++) out[k++] = i;
        Rng r = Seeds.stream(seed, Seeds.WORLD, 0);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = out[i];
            out[i] = out[j];
            out[j] = tmp;
        }
        return out;
    }
}
