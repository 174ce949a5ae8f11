package io.colisten.train.world.synth;

import io.colisten.engine.random.Rng;
import io.colisten.train.world.TrackPlan;
import io.colisten.train.world.compose.Composer;
import io.colisten.train.world.music.Instrument;
import io.colisten.train.world.music.Score;
import java.util.Arrays;

/**
 * Turns a plan into samples: composes the score, renders drum hits into a drum bus and pitched
 * notes into a music bus, adds reverb (drums send less) and delay, then the master chain. One
 * renderer per thread: its buses are reused from track to track, so memory stays at a few
 * tracks' worth however large the world. Output: {@code plan.samples()} floats in [-1, 1].
 */
public final class TrackRenderer {
    private float[] drums = new float[0], music = new float[0], send = new float[0];
    private final Effects effects = new Effects();

    public float[] render(TrackPlan plan, Rng r) {
        int n = plan.samples();
        if (drums.length < n) {
            drums = new float[n];
            music = new float[n];
            send = new float[n];
        } else {
            Arrays.fill(drums, 0, n, 0);
            Arrays.fill(music, 0, n, 0);
        }
        Score score = Composer.compose(plan, r);
        Noise noise = new Noise(r.nextLong());
        Drums kit = new Drums(noise, plan.drums().kit);
        Tones tones = new Tones(noise);
        float bright = (float) Math.max(0.3, Math.min(1.6, plan.brightness() / 6000)); // cutoff factor
        for (int i = 0; i < score.size(); i++) {
            Instrument ins = score.instrument(i);
            int start = score.start(i);
            if (start >= n) continue;
            if (ins.kind == Instrument.Kind.DRUM) {
                kit.hit(ins, score.pitch(i), score.variant(i), score.velocity(i), start, drums, n);
            } else {
                tones.render(ins, score.pitch(i), score.glideFrom(i), score.velocity(i), start, score.length(i),
                        bright, music, n);
            }
        }
        if (plan.delay() > 0) {
            int dotted8th = (int) (TrackPlan.SAMPLE_RATE * 60.0 / plan.bpm() * 0.75);
            Effects.delay(music, n, dotted8th, (float) (0.35 * plan.delay()), 0.45f);
        }
        for (int i = 0; i < n; i++) send[i] = music[i] + 0.25f * drums[i];
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = music[i] + drums[i];
        effects.reverb(send, out, n, (float) plan.reverb(), (float) plan.reverb());
        Effects.lowPass(out, n, plan.brightness());
        Effects.master(out, n, plan.drive(), plan.loudnessDb());
        return out;
    }
}
