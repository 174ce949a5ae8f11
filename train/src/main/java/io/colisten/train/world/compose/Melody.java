package io.colisten.train.world.compose;

import io.colisten.engine.random.Rng;
import io.colisten.train.world.TrackPlan;
import io.colisten.train.world.music.Instrument;
import io.colisten.train.world.music.Score;

/**
 * The lead line: a two-bar motif per section kind (so that A sections repeat A's tune), a random
 * walk on the scale with onsets drawn by metric weight and the plan's density, strong-beat notes
 * pulled onto chord tones of the bar they land in, and the motif's tail varied on repeats.
 */
final class Melody {
    private Melody() {}

    /** One motif: onsets (steps within the phrase), scale degrees, lengths in steps. */
    private record Motif(int[] at, int[] degree, int[] len) {}

    static void write(TrackPlan plan, Timeline tl, Rng r, Score score) {
        Instrument ins = plan.lead();
        if (ins == null) return;
        int phraseBars = tl.steps >= 20 ? 1 : 2;
        int phrase = phraseBars * tl.steps;
        Motif[] motifs = new Motif[Timeline.Kind.values().length];
        boolean inA = r.nextDouble() < 0.5;
        boolean sustained = ins.kind == Instrument.Kind.SUBTRACTIVE || ins.kind == Instrument.Kind.ORGAN;
        int centre = (ins.low + ins.high) / 2;
        int base = centre - 6 - Math.floorMod(centre - 6 - tl.tonic, 12); // a tonic near the middle of the range
        for (Timeline.Section s : tl.sections) {
            boolean plays = s.kind() == Timeline.Kind.B || (inA && s.kind() == Timeline.Kind.A);
            if (!plays) continue;
            Motif m = motifs[s.kind().ordinal()];
            if (m == null) m = motifs[s.kind().ordinal()] = motif(tl, plan.density(), phrase, sustained, r);
            for (int bar = s.firstBar(); bar < s.firstBar() + s.bars(); bar += phraseBars) {
                boolean vary = ((bar - s.firstBar()) / phraseBars) % 2 == 1;
                long start = tl.barStep(bar);
                int limit = (s.firstBar() + s.bars() - bar) * tl.steps;
                for (int i = 0; i < m.at.length; i++) {
                    if (m.at[i] >= limit) break;
                    int deg = m.degree[i];
                    if (vary && i >= m.at.length * 3 / 4) deg += r.nextInt(5) - 2;
                    int b = bar + m.at[i] / tl.steps;
                    int st = m.at[i] % tl.steps;
                    if (tl.meter.weight(st) >= 1) deg = nearestChordTone(tl, deg, b, st);
                    int midi = ins.fit(base + tl.semis(deg));
                    float vel = (float) (0.62 + 0.12 * tl.meter.weight(st) + 0.1 * r.nextDouble());
                    score.add(ins, tl.time(start + m.at[i]), tl.length(m.len[i]), midi, Math.min(1f, vel));
                }
            }
        }
    }

    private static Motif motif(Timeline tl, double density, int phrase, boolean sustained, Rng r) {
        int[] at = new int[phrase], deg = new int[phrase], len = new int[phrase];
        int n = 0;
        int d = r.nextInt(5);
        for (int s = 0; s < phrase; s++) {
            double w = tl.meter.weight(s % tl.steps);
            double p = Math.min(0.95, density * (0.35 + 0.65 * w) * 1.4);
            if (s == 0) p = 1; // every motif has a note, so a planned lead is heard
            if (r.nextDouble() >= p) continue;
            double u = r.nextDouble();
            if (u < 0.35) d += 1;
            else if (u < 0.7) d -= 1;
            else if (u < 0.8) d += 2;
            else if (u < 0.9) d -= 2;
            else d += r.nextInt(7) - 3;
            d = Math.max(-3, Math.min(10, d));
            at[n] = s;
            deg[n] = d;
            n++;
        }
        for (int i = 0; i < n; i++) {
            int gap = (i + 1 < n ? at[i + 1] : phrase) - at[i];
            len[i] = sustained ? Math.max(1, gap - (gap > 2 ? 1 : 0)) : Math.min(gap, 4);
        }
        return new Motif(java.util.Arrays.copyOf(at, n), java.util.Arrays.copyOf(deg, n), java.util.Arrays.copyOf(len, n));
    }

    private static int nearestChordTone(Timeline tl, int degree, int bar, int step) {
        int root = tl.chordDegree(Math.min(bar, tl.bars - 1), step);
        int size = tl.mode.size();
        int best = degree, bestDist = Integer.MAX_VALUE;
        for (int tone : tl.chordTones(root)) {
            for (int oct = -2; oct <= 2; oct++) {
                int cand = tone + oct * size;
                int dist = Math.abs(cand - degree);
                if (dist < bestDist) {
                    bestDist = dist;
                    best = cand;
                }
            }
        }
        return best;
    }
}
