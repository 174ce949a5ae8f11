package io.colisten.train.world.compose;

import io.colisten.engine.random.Rng;
import io.colisten.train.world.TrackPlan;
import io.colisten.train.world.music.Harmony;
import io.colisten.train.world.music.Meter;
import io.colisten.train.world.music.Mode;
import java.util.ArrayList;
import java.util.List;

/**
 * A track's time: the sixteenth-note grid (with swing), the bars, the sections (intro, verse-like
 * A, fuller B, breakdown, outro) and the chord under every step. Every part reads the same
 * timeline, so they agree on where the bar and the chord change are.
 */
final class Timeline {
    enum Kind { INTRO, A, B, BREAK, OUTRO }

    /** Consecutive bars with one role set; energy 0..1 decides which parts play. */
    record Section(Kind kind, int firstBar, int bars, int progression) {
        double energy() {
            return switch (kind) {
                case INTRO, OUTRO -> 0.3;
                case BREAK -> 0.4;
                case A -> 0.7;
                case B -> 1.0;
            };
        }
    }

    final Meter meter;
    final Mode mode;
    final int tonic;
    final double stepSamples;
    final int steps;
    final int bars;
    final int totalSamples;
    final double swing;
    final List<Section> sections;
    private final Harmony harmony;
    private final int[][] progressions;

    Timeline(TrackPlan plan, Rng r) {
        meter = plan.meter();
        mode = plan.mode();
        tonic = plan.tonic();
        steps = meter.steps;
        stepSamples = TrackPlan.SAMPLE_RATE * 60.0 / (plan.bpm() * meter.stepsPerBeat);
        totalSamples = plan.samples();
        bars = Math.max(1, (int) Math.ceil(totalSamples / (stepSamples * steps)));
        swing = plan.swing();
        harmony = plan.harmony();
        progressions = new int[][] {harmony.progression(plan.progression()), harmony.progression(plan.progression() + 1)};
        sections = arrange(bars, r);
    }

    private static List<Section> arrange(int bars, Rng r) {
        List<Section> out = new ArrayList<>();
        if (bars <= 3) {
            out.add(new Section(Kind.B, 0, bars, 0));
            return out;
        }
        int unit = bars < 12 ? 2 : bars < 40 ? 4 : 8;
        int bar = 0;
        int intro = Math.max(1, unit / 2);
        out.add(new Section(Kind.INTRO, 0, intro, 0));
        bar += intro;
        int outro = bars >= 16 ? Math.max(1, unit / 2) : 0;
        Kind[] cycle = r.nextDouble() < 0.5
                ? new Kind[] {Kind.A, Kind.B, Kind.A, Kind.B, Kind.BREAK, Kind.B}
                : new Kind[] {Kind.A, Kind.A, Kind.B, Kind.BREAK, Kind.B, Kind.B};
        int c = 0;
        while (bar < bars - outro) {
            int len = Math.min(unit, bars - outro - bar);
            Kind k = cycle[c % cycle.length];
            out.add(new Section(k, bar, len, k == Kind.B ? 1 : 0));
            bar += len;
            c++;
        }
        if (outro > 0) out.add(new Section(Kind.OUTRO, bar, outro, 0));
        if (out.stream().noneMatch(s -> s.kind == Kind.B)) { // short tracks: the longest section becomes B
            int best = 0;
            for (int i = 1; i < out.size(); i++) if (out.get(i).bars > out.get(best).bars) best = i;
            Section s = out.get(best);
            out.set(best, new Section(Kind.B, s.firstBar, s.bars, 1));
        }
        return out;
    }

    /** Sample index of a grid step (counted from the track start), swing applied. */
    int time(long step) {
        int within = (int) Math.floorMod(step, (long) meter.stepsPerBeat);
        double t = step * stepSamples;
        if (within % 2 == 1) t += swing * stepSamples;
        else if (meter.stepsPerBeat == 4 && within == 2) t += swing * 2 * stepSamples;
        return (int) t;
    }

    /** Samples in {@code n} steps, at least 1. */
    int length(double n) {
        return Math.max(1, (int) (n * stepSamples));
    }

    long barStep(int bar) {
        return (long) bar * steps;
    }

    Section sectionOf(int bar) {
        for (Section s : sections) if (bar < s.firstBar + s.bars) return s;
        return sections.get(sections.size() - 1);
    }

    /** The scale degree of the chord at a step of a bar. */
    int chordDegree(int bar, int step) {
        Section s = sectionOf(bar);
        int[] prog = progressions[s.progression];
        int chordIndex;
        if (harmony.barsPerChord >= 1) {
            chordIndex = (int) ((bar - s.firstBar) / harmony.barsPerChord);
        } else {
            int perBar = (int) Math.round(1 / harmony.barsPerChord);
            chordIndex = (bar - s.firstBar) * perBar + Math.min(perBar - 1, step * perBar / steps);
        }
        return prog[chordIndex % prog.length];
    }

    /** Semitones above the tonic of scale degree d. */
    int semis(int degree) {
        return mode.semitones(degree);
    }

    /** The chord tones (scale degrees) of the chord with root degree d: triad, or seventh chord. */
    int[] chordTones(int d) {
        return harmony.sevenths ? new int[] {d, d + 2, d + 4, d + 6} : new int[] {d, d + 2, d + 4};
    }

    /** MIDI pitch of a scale degree with the tonic's octave placed at {@code baseMidi} (a C). */
    int midi(int degree, int baseMidi) {
        return baseMidi + tonic + semis(degree);
    }
}
