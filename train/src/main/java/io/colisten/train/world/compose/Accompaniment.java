package io.colisten.train.world.compose;

import io.colisten.engine.random.Rng;
import io.colisten.train.world.TrackPlan;
import io.colisten.train.world.music.BassStyle;
import io.colisten.train.world.music.CompStyle;
import io.colisten.train.world.music.DrumStyle;
import io.colisten.train.world.music.Instrument;
import io.colisten.train.world.music.Instruments;
import io.colisten.train.world.music.Score;
import java.util.Arrays;

/** Bass line, chord accompaniment, arpeggio and texture of a track over its timeline. */
final class Accompaniment {
    private Accompaniment() {}

    // ---- bass -----------------------------------------------------------------------------------

    static void bass(TrackPlan plan, Timeline tl, Rng r, Score score) {
        Instrument ins = plan.bass();
        BassStyle style = plan.bassStyle();
        if (ins == null || style == BassStyle.NONE) return;
        boolean kickDriven = style == BassStyle.SUB808;
        boolean[] kick = kickSteps(plan.drums(), tl.steps);
        int[] acid = new int[tl.steps]; // 0 rest, 1 note, 2 accent; degree offset packed in bits 2..
        for (int s = 0; s < tl.steps; s++) {
            boolean on = s % 4 != 0 ? r.nextDouble() < 0.6 : r.nextDouble() < 0.3;
            int interval = new int[] {0, 0, 0, 7, 12, 3, 10}[r.nextInt(7)];
            acid[s] = on ? ((r.nextDouble() < 0.3 ? 2 : 1) | (interval << 2)) : 0;
        }
        float lastPitch = Float.NaN;
        boolean quiet = plan.drums() == DrumStyle.NONE;
        for (int bar = 0; bar < tl.bars; bar++) {
            Timeline.Section sec = tl.sectionOf(bar);
            boolean plays = style == BassStyle.PEDAL || sec.energy() >= 0.5 || (quiet && sec.kind() != Timeline.Kind.INTRO);
            if (!plays) continue;
            long base = tl.barStep(bar);
            int spb = tl.meter.stepsPerBeat;
            switch (style) {
                case PEDAL -> {
                    if (bar == sec.firstBar()) {
                        note(score, ins, tl, base, sec.bars() * tl.steps, root(tl, ins, bar, 0), 0.8f);
                    }
                }
                case ROOT_HOLD -> {
                    for (int s = 0; s < tl.steps; s += chordSteps(tl)) {
                        note(score, ins, tl, base + s, chordSteps(tl), root(tl, ins, bar, s), 0.8f);
                    }
                }
                case ROOT_BEATS -> {
                    for (int s = 0; s < tl.steps; s += spb) {
                        int p = root(tl, ins, bar, s) + (s > 0 && r.nextDouble() < 0.25 ? 7 : 0);
                        note(score, ins, tl, base + s, spb * 0.9, ins.fit(p), s == 0 ? 0.9f : 0.75f);
                    }
                }
                case ROOT_EIGHTHS -> {
                    for (int s = 0; s < tl.steps; s += 2) {
                        note(score, ins, tl, base + s, 1.7, root(tl, ins, bar, s), s % spb == 0 ? 0.85f : 0.7f);
                    }
                }
                case OFFBEAT -> {
                    for (int s = 2; s < tl.steps; s += 4) note(score, ins, tl, base + s, 1.5, root(tl, ins, bar, s), 0.85f);
                }
                case ROLLING -> {
                    for (int s = 0; s < tl.steps; s++) {
                        if (s % 4 != 0) note(score, ins, tl, base + s, 0.85, root(tl, ins, bar, s), s % 4 == 1 ? 0.85f : 0.7f);
                    }
                }
                case ACID -> {
                    for (int s = 0; s < tl.steps; s++) {
                        int a = acid[s];
                        if (a == 0) continue;
                        int p = root(tl, ins, bar, s) + (a >> 2);
                        note(score, ins, tl, base + s, 0.8, p, (a & 3) == 2 ? 1f : 0.7f);
                    }
                }
                case WALKING -> walkingBar(tl, ins, r, score, bar);
                case BOSSA -> {
                    int[] at = {0, 6, 8, 14};
                    int[] len = {6, 2, 6, 2};
                    int[] up = {0, 7, 7, 0};
                    for (int i = 0; i < at.length && at[i] < tl.steps; i++) {
                        note(score, ins, tl, base + at[i], len[i] * 0.95, ins.fit(root(tl, ins, bar, at[i]) + up[i]), 0.8f);
                    }
                }
                case SUB808 -> {
                    for (int s = 0; s < tl.steps; s++) {
                        if (!kick[s]) continue;
                        int next = s + 1;
                        while (next < tl.steps && !kick[next]) next++;
                        float p = root(tl, ins, bar, s) + (r.nextDouble() < 0.2 ? 7 : 0);
                        float glide = r.nextDouble() < 0.35 ? lastPitch : Float.NaN;
                        score.add(ins, tl.time(base + s), tl.length(next - s), p, 0.9f, glide, 0);
                        lastPitch = p;
                    }
                }
                case SYNCOPATED -> {
                    int[] at = {0, 3, 6, 10, 12};
                    for (int i = 0; i < at.length && at[i] < tl.steps; i++) {
                        int p = root(tl, ins, bar, at[i]) + (i == 2 || i == 4 ? 12 : 0);
                        note(score, ins, tl, base + at[i], 1.6, ins.fit(p), i == 0 ? 0.9f : 0.75f);
                    }
                }
                default -> { }
            }
            if (kickDriven && bar == tl.bars - 1) lastPitch = Float.NaN;
        }
    }

    private static void walkingBar(Timeline tl, Instrument ins, Rng r, Score score, int bar) {
        int spb = tl.meter.stepsPerBeat;
        int beats = Math.max(1, tl.steps / spb);
        long base = tl.barStep(bar);
        for (int b = 0; b < beats; b++) {
            int s = b * spb;
            int deg = tl.chordDegree(bar, s);
            int p;
            if (b == 0) {
                p = root(tl, ins, bar, s);
            } else if (b == beats - 1) {
                int nextRoot = bar + 1 < tl.bars ? root(tl, ins, bar + 1, 0) : root(tl, ins, bar, 0);
                p = nextRoot + (r.nextDouble() < 0.5 ? 1 : -1);
            } else {
                int[] tones = tl.chordTones(deg);
                p = ins.fit(24 + tl.midi(tones[r.nextInt(tones.length)], 12));
            }
            note(score, ins, tl, base + s, spb * 0.92, ins.fit(p), b == 0 ? 0.85f : 0.72f);
        }
    }

    private static boolean[] kickSteps(DrumStyle style, int steps) {
        boolean[] k = new boolean[steps];
        boolean any = false;
        for (DrumStyle.Part p : style.parts(steps)) {
            if (p.voice() != Instruments.KICK) continue;
            for (int s = 0; s < steps; s++) if (p.pattern().charAt(s) != '.' && p.pattern().charAt(s) != 'g') k[s] = any = true;
        }
        if (!any) for (int s = 0; s < steps; s += 8) k[s] = true;
        return k;
    }

    private static int chordSteps(Timeline tl) {
        return Math.max(1, tl.steps / 2);
    }

    private static int root(Timeline tl, Instrument ins, int bar, int step) {
        return ins.fit(tl.midi(tl.chordDegree(bar, step), 36));
    }

    private static void note(Score score, Instrument ins, Timeline tl, long step, double lenSteps, int midi, float vel) {
        score.add(ins, tl.time(step), tl.length(lenSteps), midi, vel);
    }

    // ---- chords ---------------------------------------------------------------------------------

    static void chords(TrackPlan plan, Timeline tl, Rng r, Score score) {
        Instrument ins = plan.chords();
        if (ins == null) return;
        CompStyle comp = plan.comp();
        int spb = tl.meter.stepsPerBeat;
        int[] stabSteps = new int[tl.steps];
        for (int s = 0; s < tl.steps; s++) stabSteps[s] = (s % 4 == 2 || (s % 4 == 3 && r.nextDouble() < 0.2)) ? 1 : 0;
        for (int bar = 0; bar < tl.bars; bar++) {
            Timeline.Section sec = tl.sectionOf(bar);
            long base = tl.barStep(bar);
            switch (comp) {
                case SUSTAIN -> {
                    int from = 0;
                    for (int s = 1; s <= tl.steps; s++) { // one held chord per stretch of one harmony
                        if (s < tl.steps && tl.chordDegree(bar, s) == tl.chordDegree(bar, from)) continue;
                        chord(score, ins, tl, base + from, s - from, voicing(tl, ins, bar, from), 0.7f, 0);
                        from = s;
                    }
                }
                case STAB -> {
                    for (int s = 0; s < tl.steps; s++) {
                        if (stabSteps[s] == 1) chord(score, ins, tl, base + s, 1.2, voicing(tl, ins, bar, s), 0.75f, 0);
                    }
                }
                case STRUM -> {
                    for (int s = 0; s < tl.steps; s += 2) {
                        boolean down = s % spb == 0;
                        if (!down && r.nextDouble() < 0.35) continue;
                        chord(score, ins, tl, base + s, 2, voicing(tl, ins, bar, s), down ? 0.8f : 0.55f,
                                (int) (0.012 * TrackPlan.SAMPLE_RATE));
                    }
                }
                case COMP -> {
                    for (int s = 0; s < tl.steps; s++) {
                        double p = s % spb == spb - 2 + (spb % 2) ? 0.45 : s % spb == 0 ? 0.2 : 0.08;
                        if (r.nextDouble() < p) chord(score, ins, tl, base + s, 1.6, voicing(tl, ins, bar, s), 0.6f, 0);
                    }
                }
                case POWER -> {
                    boolean chug = plan.bpm() < 150 && plan.drive() > 0.5;
                    for (int s = 0; s < tl.steps; s += chug ? 1 : 2) {
                        int root = ins.fit(tl.midi(tl.chordDegree(bar, s), 36));
                        chord(score, ins, tl, base + s, chug ? 0.9 : 1.8, new int[] {root, root + 7, root + 12},
                                s % spb == 0 ? 0.85f : 0.65f, 0);
                    }
                }
                case BROKEN -> {
                    int[] v = null;
                    for (int s = 0; s < tl.steps; s += 2) {
                        if (s % spb == 0 || v == null) v = voicing(tl, ins, bar, s);
                        int[] order = {0, v.length - 1, 1, v.length - 1};
                        int p = v[order[(s / 2) % 4] % v.length] - ((s / 2) % 4 == 0 ? 12 : 0);
                        note(score, ins, tl, base + s, 2.5, ins.fit(p), (s % spb == 0) ? 0.7f : 0.55f);
                    }
                }
                case BLOCK -> {
                    for (int s = 0; s < tl.steps; s += spb) {
                        chord(score, ins, tl, base + s, spb * 0.95, voicing(tl, ins, bar, s), s == 0 ? 0.75f : 0.6f, 0);
                    }
                }
                case ARP -> arpBar(score, ins, tl, bar, 1, 0.6f);
            }
        }
    }

    static void arp(TrackPlan plan, Timeline tl, Score score) {
        Instrument ins = plan.arp();
        if (ins == null) return;
        int every = ins.kind == Instrument.Kind.PLUCK ? 2 : 1;
        for (int bar = 0; bar < tl.bars; bar++) {
            Timeline.Kind k = tl.sectionOf(bar).kind();
            if (k == Timeline.Kind.B || k == Timeline.Kind.BREAK || k == Timeline.Kind.INTRO) {
                arpBar(score, ins, tl, bar, every, 0.5f);
            }
        }
    }

    /** Up-and-down sixteenths (or eighths: {@code every} 2) over two octaves of the chord of each beat. */
    private static void arpBar(Score score, Instrument ins, Timeline tl, int bar, int every, float vel) {
        long base = tl.barStep(bar);
        int spb = tl.meter.stepsPerBeat;
        int[] v = voicing(tl, ins, bar, 0);
        for (int s = 0, k = 0; s < tl.steps; s += every, k++) {
            if (s % spb == 0) v = voicing(tl, ins, bar, s);
            int n = v.length;
            int cycle = 2 * (2 * n - 1);
            int pos = k % cycle;
            int j = pos < 2 * n ? pos : cycle - pos;
            int p = ins.fit(v[j % n] + 12 * (j / n));
            note(score, ins, tl, base + s, every * 0.9, p, s % spb == 0 ? vel + 0.15f : vel);
        }
    }

    /** Chord tones around the instrument's middle, each within half an octave of it. */
    private static int[] voicing(Timeline tl, Instrument ins, int bar, int step) {
        int[] tones = tl.chordTones(tl.chordDegree(bar, step));
        int centre = Math.max(ins.low + 6, Math.min(ins.high - 6, 60));
        int[] out = new int[tones.length];
        for (int i = 0; i < tones.length; i++) {
            int m = tl.midi(tones[i], 48);
            while (m < centre - 6) m += 12;
            while (m > centre + 6) m -= 12;
            out[i] = ins.fit(m);
        }
        Arrays.sort(out);
        return out;
    }

    private static void chord(Score score, Instrument ins, Timeline tl, long step, double lenSteps, int[] notes,
                              float vel, int strumSamples) {
        int t = tl.time(step);
        int len = tl.length(lenSteps);
        float per = vel / (float) Math.sqrt(notes.length);
        for (int i = 0; i < notes.length; i++) {
            score.add(ins, t + i * strumSamples, len - i * strumSamples, notes[i], per);
        }
    }

    // ---- texture --------------------------------------------------------------------------------

    static void texture(TrackPlan plan, Timeline tl, Score score) {
        Instrument ins = plan.texture();
        if (ins == null) return;
        if (ins == Instruments.VINYL) {
            score.add(ins, 0, tl.totalSamples, 0, 1);
            return;
        }
        for (Timeline.Section s : tl.sections) {
            int t0 = tl.time(tl.barStep(s.firstBar()));
            int t1 = tl.time(tl.barStep(s.firstBar() + s.bars()));
            score.add(ins, t0, t1 - t0, ins.fit(tl.midi(0, 36)), (float) (0.5 + 0.5 * s.energy()));
        }
    }
}
