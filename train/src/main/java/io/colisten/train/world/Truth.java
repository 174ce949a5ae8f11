package io.colisten.train.world;

import io.colisten.train.world.music.Instrument;
import java.util.ArrayList;
import java.util.List;

/**
 * A track's ground-truth tags for truth.tsv, namespaced {@code category:value}: scene (both, when
 * mixed), family (both when they differ), every instrument that sounds, tempo bucket, mode, meter.
 * Training never reads them; they define probe tasks and let tests check the world's signal.
 */
public final class Truth {
    private Truth() {}

    public static List<String> tags(TrackPlan p) {
        List<String> t = new ArrayList<>();
        t.add("scene:" + p.scene().name);
        if (p.scene2() != null) t.add("scene:" + p.scene2().name);
        t.add("family:" + p.scene().family);
        if (p.scene2() != null && !p.scene2().family.equals(p.scene().family)) t.add("family:" + p.scene2().family);
        for (Instrument i : p.instruments()) t.add("instrument:" + i.tag);
        t.add("tempo:" + p.tempoBucket());
        t.add("mode:" + p.mode().tag);
        t.add("meter:" + p.meter().tag);
        return t;
    }
}
