package io.colisten.train.world;

import io.colisten.train.world.music.DrumStyle;
import io.colisten.train.world.music.Harmony;
import io.colisten.train.world.music.Instrument;
import io.colisten.train.world.music.Meter;
import io.colisten.train.world.music.Mode;
import io.colisten.train.world.music.BassStyle;
import io.colisten.train.world.music.CompStyle;
import io.colisten.train.world.music.Scene;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything latent about one track, decided before any sound: its scenes, artist, tempo, meter,
 * mode and key, length, and the instrument of each role (null when the role is silent). Cheap to
 * recompute, so nothing holds the plans of a large world. {@code samples} is exact: a resumed run
 * checks finished WAV files against it.
 */
public record TrackPlan(int index, String id, Scene scene, Scene scene2, Artist artist, double bpm, Meter meter,
                        Mode mode, int tonic, Harmony harmony, int progression, int samples,
                        DrumStyle drums, BassStyle bassStyle, Instrument bass, CompStyle comp, Instrument chords,
                        Instrument lead, Instrument arp, Instrument texture,
                        double swing, double density, double humanize, double brightness, double loudnessDb,
                        double reverb, double delay, double drive) {

    public static final int SAMPLE_RATE = 16_000;

    public double seconds() {
        return samples / (double) SAMPLE_RATE;
    }

    /** Every instrument that sounds in the track (drum voices included), in role order. */
    public List<Instrument> instruments() {
        Set<Instrument> out = new LinkedHashSet<>();
        for (DrumStyle.Part p : drums.parts(meter.steps)) out.add(p.voice());
        for (Instrument i : new Instrument[] {bass, chords, lead, arp, texture}) {
            if (i != null) out.add(i);
        }
        return new ArrayList<>(out);
    }

    /** The tempo bucket tag value: slow below 90 beats a minute, moderate to 120, fast to 150, very-fast above. */
    public String tempoBucket() {
        if (bpm < 90) return "slow";
        if (bpm < 120) return "moderate";
        if (bpm < 150) return "fast";
        return "very-fast";
    }
}
