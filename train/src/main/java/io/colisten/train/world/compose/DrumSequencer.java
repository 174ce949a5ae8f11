package io.colisten.train.world.compose;

import io.colisten.engine.random.Rng;
import io.colisten.train.world.TrackPlan;
import io.colisten.train.world.music.DrumStyle;
import io.colisten.train.world.music.Instrument;
import io.colisten.train.world.music.Instruments;
import io.colisten.train.world.music.Score;

/**
 * Plays the drum style's bar patterns in the sections with energy (A, B), with ghost notes,
 * fills at section ends, a crash on section starts, and human timing where the scene has it.
 * A drum hit's pitch field is its tone (hand drums: 0 low, 1 high, 2 slap); variant 1 is an
 * open hi-hat or a crash.
 */
final class DrumSequencer {
    private DrumSequencer() {}

    static void write(TrackPlan plan, Timeline tl, Rng r, Score score) {
        DrumStyle style = plan.drums();
        DrumStyle.Part[] parts = style.parts(tl.steps);
        if (parts.length == 0) return;
        Instrument fillVoice = null;
        boolean hasRide = false;
        for (DrumStyle.Part p : parts) {
            if (fillVoice == null && (p.voice() == Instruments.SNARE || p.voice() == Instruments.HAND_DRUM
                    || p.voice() == Instruments.TAIKO)) fillVoice = p.voice();
            hasRide |= p.voice() == Instruments.RIDE;
        }
        double jitter = plan.humanize() * TrackPlan.SAMPLE_RATE;
        // Electronic kits (and tracks with no chords to open with) keep the drums in intro and outro.
        boolean edges = plan.chords() == null || style.kit == DrumStyle.Kit.ELECTRONIC
                || style.kit == DrumStyle.Kit.DISTORTED || style.kit == DrumStyle.Kit.EIGHT_O_EIGHT;
        for (int bar = 0; bar < tl.bars; bar++) {
            Timeline.Section s = tl.sectionOf(bar);
            boolean edge = s.kind() == Timeline.Kind.INTRO || s.kind() == Timeline.Kind.OUTRO;
            if (s.energy() < 0.6 && !(edges && edge)) continue;
            boolean lastBar = bar == s.firstBar() + s.bars() - 1;
            boolean fill = lastBar && fillVoice != null && r.nextDouble() < 0.45;
            int fillFrom = tl.steps - tl.meter.stepsPerBeat;
            long base = tl.barStep(bar);
            for (DrumStyle.Part p : parts) {
                Instrument v = p.voice();
                String pat = p.pattern();
                boolean ghostable = v == Instruments.HIHAT || v == Instruments.SHAKER || v == Instruments.SNARE;
                for (int st = 0; st < tl.steps; st++) {
                    if (fill && st >= fillFrom && v == fillVoice) continue;
                    char c = pat.charAt(st);
                    if (c == '.' && ghostable && r.nextDouble() < 0.04) c = 'g';
                    int t = tl.time(base + st) + (int) (r.nextGaussian() * jitter);
                    float tone = v == Instruments.HAND_DRUM ? (c == 'X' ? 0 : c == 'g' ? 2 : 1) : 0;
                    float vel = switch (c) {
                        case 'X' -> 1.0f;
                        case 'x' -> 0.75f;
                        case 'o' -> 0.8f;
                        case 'g' -> 0.35f;
                        case 'r' -> 0.6f;
                        default -> 0f;
                    };
                    if (vel == 0) continue;
                    vel *= (float) (0.9 + 0.2 * r.nextDouble());
                    if (c == 'r') {
                        for (int k = 0; k < 3; k++) {
                            score.add(v, t + (int) (k * tl.stepSamples / 3), tl.length(1), tone, vel * (k == 0 ? 1f : 0.8f));
                        }
                    } else {
                        score.add(v, t, tl.length(c == 'o' ? 2 : 1), tone, vel, Float.NaN, c == 'o' ? 1 : 0);
                    }
                }
            }
            if (fill) {
                for (int st = fillFrom; st < tl.steps; st++) {
                    float vel = (float) (0.55 + 0.45 * (st - fillFrom) / (double) tl.meter.stepsPerBeat);
                    score.add(fillVoice, tl.time(base + st), tl.length(1), st % 2, vel);
                }
            }
            if (hasRide && bar == s.firstBar() && bar > 0) {
                score.add(Instruments.RIDE, tl.time(base), tl.length(8), 0, 0.9f, Float.NaN, 1);
            }
        }
    }
}
