package io.colisten.train.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings: layering, the round trip through config.json, and errors that name the file and key. */
class TrainConfigTest {
    @TempDir
    Path dir;

    @Test
    void aConfigFileOverridesDefaultsAndRoundTrips() throws IOException {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"corpus\": \"/data/c\", \"mode\": \"triplet\", \"steps\": 250, \"lr\": 0.0003, \"width\": 0.5, \"factors\": null}");
        Map<String, Object> m = TrainConfig.defaults();
        TrainConfig.overlay(m, f);
        TrainConfig c = TrainConfig.fromMap(m);
        assertEquals("/data/c", c.corpus());
        assertEquals(TrainMode.TRIPLET, c.trainMode());
        assertEquals(250, c.steps());
        assertEquals(3e-4, c.lr());
        assertEquals(0.5, c.modelConfig().width());
        assertEquals(132, c.batch());
        assertEquals(125, c.tripletStepCap(), "default cap: half the steps");
        Path saved = dir.resolve("config.json");
        c.write(saved);
        assertEquals(c, TrainConfig.read(saved));
    }

    @Test
    void badFilesAndValuesAreNamed() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"corpus\": \"x\", \"stepz\": 3}");
        IOException e = assertThrows(IOException.class, () -> TrainConfig.overlay(TrainConfig.defaults(), f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("unknown key \"stepz\""), e.getMessage());
        Files.writeString(f, "{\"steps\": \"many\"}");
        e = assertThrows(IOException.class, () -> TrainConfig.overlay(TrainConfig.defaults(), f));
        assertTrue(e.getMessage().contains("\"steps\" must be an integer"), e.getMessage());
        Files.writeString(f, "[1, 2]");
        e = assertThrows(IOException.class, () -> TrainConfig.overlay(TrainConfig.defaults(), f));
        assertTrue(e.getMessage().contains("one JSON object"), e.getMessage());
        Files.writeString(f, "{\"steps\": 3,");
        e = assertThrows(IOException.class, () -> TrainConfig.overlay(TrainConfig.defaults(), f));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());

        Map<String, Object> m = TrainConfig.defaults();
        m.put("corpus", "c");
        m.put("mode", "contrastive");
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromMap(m));
        assertTrue(a.getMessage().contains("unknown mode 'contrastive'"), a.getMessage());
        m.put("mode", "hybrid");
        m.put("steps", 0L);
        a = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromMap(m));
        assertTrue(a.getMessage().contains("set steps or minutes"), a.getMessage());
        m.put("steps", 10L);
        m.put("batch", 1L);
        a = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromMap(m));
        assertTrue(a.getMessage().contains("batch must be >= 2"), a.getMessage());
    }

    @Test
    void plateauRuleAndSmoothing() {
        SmoothedLoss s = new SmoothedLoss(0.9);
        s.add(2.0);
        assertEquals(2.0, s.value(), 1e-12, "bias-corrected: the first value is the first loss");
        s.add(1.0);
        assertEquals((0.9 * 0.1 * 2 + 0.1 * 1) / (1 - 0.81), s.value(), 1e-12);
        PlateauRule r = new PlateauRule(10, 0.05, 25, 100);
        assertEquals(PlateauRule.Verdict.CONTINUE, r.after(10, 1.0));
        assertEquals(PlateauRule.Verdict.CONTINUE, r.after(15, 0.1), "only window boundaries are judged");
        assertEquals(PlateauRule.Verdict.CONTINUE, r.after(20, 0.99), "a plateau before min steps does not end the stage");
        assertEquals(PlateauRule.Verdict.CONTINUE, r.after(30, 0.90), "10% better: still learning");
        assertEquals(PlateauRule.Verdict.PLATEAU, r.after(40, 0.88), "2% better: levelled off");
        assertEquals(0.02 / 0.9, r.lastImprovement(), 1e-12);
        assertEquals(PlateauRule.Verdict.CAP, r.after(100, 0.1));
    }
}
