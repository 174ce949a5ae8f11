package io.colisten.train.world;

import io.colisten.engine.random.Rng;
import io.colisten.train.world.music.BassStyle;
import io.colisten.train.world.music.Instrument;
import io.colisten.train.world.music.Scene;
import java.util.List;

/**
 * Draws a track's plan from its (seed, PLAN, index) stream and its place in the {@link Cast}.
 * A mixed track takes tempo, meter, harmony, drums, bass and chords from its first scene and its
 * lead, arpeggio and texture from the second (the second's chords when it has no lead), and sits
 * between the two in brightness, loudness and effects.
 */
public final class TrackPlanner {
    private final Cast cast;

    public TrackPlanner(Cast cast) {
        this.cast = cast;
    }

    public TrackPlan plan(int index) {
        Rng r = Seeds.stream(cast.seed, Seeds.PLAN, index);
        WorldSpec spec = cast.spec;
        Scene a = cast.scenes.get(cast.scene[index]);
        Scene b = cast.scene2[index] < 0 ? null : cast.scenes.get(cast.scene2[index]);
        Artist artist = cast.artists[cast.artist[index]];
        int palette = artist.palette();

        double t = clamp01(0.6 * artist.tempo() + 0.4 * r.nextDouble());
        double bpm = Math.round((a.bpmLo + t * (a.bpmHi - a.bpmLo)) * 10) / 10.0;
        var meter = a.meters.get(r.nextInt(a.meters.size()));
        var mode = a.modes.get(r.nextInt(a.modes.size()));
        int tonic = r.nextInt(12);
        int progression = r.nextInt(a.harmony.count());
        double seconds = spec.minSeconds() + r.nextDouble() * (spec.maxSeconds() - spec.minSeconds());
        int samples = (int) Math.round(seconds * TrackPlan.SAMPLE_RATE);

        Instrument bass = a.bassStyle == BassStyle.NONE ? null : choose(a.bass, palette, r);
        Instrument chords = choose(a.chords, palette >> 3, r);
        Scene melodic = b == null ? a : b;
        Instrument lead = r.nextDouble() < 0.9 ? choose(melodic.leads, palette >> 6, r) : null;
        if (b != null && lead == null) lead = choose(b.chords, palette >> 6, r);
        Instrument arp = r.nextDouble() < 0.6 ? choose(melodic.arps, palette >> 9, r) : null;
        Instrument texture = r.nextDouble() < 0.75 ? choose(melodic.textures, 0, r) : null;
        if (chords == null && lead == null && bass == null && a.drums.voices().isEmpty()) {
            chords = choose(melodic.leads, 0, r);
        }

        double mix = b == null ? 0 : 0.5;
        double brightness = lerp(a.brightness, b == null ? 0 : b.brightness, mix)
                * artist.brightness() * (0.85 + 0.3 * r.nextDouble());
        double loudness = lerp(a.loudnessDb, b == null ? 0 : b.loudnessDb, mix) + (r.nextDouble() - 0.5) * 2;
        double reverb = clamp01(lerp(a.reverb, b == null ? 0 : b.reverb, mix) + artist.reverb() + 0.1 * (r.nextDouble() - 0.5));
        double delay = lerp(a.delay, b == null ? 0 : b.delay, mix) * r.nextDouble() * 1.5;
        double drive = a.drive * (0.8 + 0.4 * r.nextDouble());
        double density = clamp01(a.density * (0.7 + 0.6 * r.nextDouble()));
        return new TrackPlan(index, spec.trackId(index), a, b, artist, bpm, meter, mode, tonic, a.harmony, progression,
                samples, a.drums, a.bassStyle, bass, a.comp, chords, lead, arp, texture,
                a.swing, density, a.humanize, brightness, loudness, reverb, delay, drive);
    }

    /** The artist's preferred option most of the time, another one sometimes; null from an empty list. */
    private static Instrument choose(List<Instrument> options, int preference, Rng r) {
        if (options.isEmpty()) return null;
        int k = r.nextDouble() < 0.7 ? preference : r.nextInt(1 << 20);
        return options.get(Math.floorMod(k, options.size()));
    }

    private static double lerp(double x, double y, double w) {
        return w == 0 ? x : x + (y - x) * w;
    }

    private static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
