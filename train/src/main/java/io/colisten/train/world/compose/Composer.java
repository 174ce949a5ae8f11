package io.colisten.train.world.compose;

import io.colisten.engine.random.Rng;
import io.colisten.train.world.TrackPlan;
import io.colisten.train.world.music.Score;

/** Writes a track's notes from its plan: timeline, drums, bass, chords, arpeggio, lead, texture. */
public final class Composer {
    private Composer() {}

    public static Score compose(TrackPlan plan, Rng r) {
        Timeline tl = new Timeline(plan, r);
        Score score = new Score();
        DrumSequencer.write(plan, tl, r, score);
        Accompaniment.bass(plan, tl, r, score);
        Accompaniment.chords(plan, tl, r, score);
        Accompaniment.arp(plan, tl, score);
        Melody.write(plan, tl, r, score);
        Accompaniment.texture(plan, tl, score);
        return score;
    }
}
