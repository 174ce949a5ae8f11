package io.colisten.train.eval;

import io.colisten.train.eval.datasets.AudioSet;
import io.colisten.train.eval.datasets.MagnaTagATune;
import io.colisten.train.eval.probe.ProbeDataset;
import io.colisten.train.eval.probe.ProbePart;
import io.colisten.train.eval.probe.ProbeTask;
import io.colisten.train.ingest.IngestItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MagnaTagATune and AudioSet readers on tiny fixtures in the datasets' real layouts
 * (src/test/resources/eval, made by src/test/python/make_dataset_fixtures.py), with placeholder
 * audio files (the readers only list them; decoding is the store's business).
 */
class DatasetReadersTest {
    @TempDir
    Path dir;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(DatasetReadersTest.class.getResource("/eval/" + name).toURI());
    }

    @Test
    void magnaTagATuneTakesTheTop50AndSplitsByFolder() throws Exception {
        Path annotations = resource("mtat/annotations_final.csv");
        Path audio = dir.resolve("mp3");
        List<String> lines = Files.readAllLines(annotations);
        for (int i = 1; i < lines.size(); i++) {
            if (i == 5) continue; // clip 1004 (folder 4) was not downloaded
            String[] f = lines.get(i).split("\t");
            Path mp3 = audio.resolve(f[f.length - 1].replace("\"", ""));
            Files.createDirectories(mp3.getParent());
            Files.writeString(mp3, "placeholder");
        }
        List<String> notes = new ArrayList<>();
        ProbeDataset d = MagnaTagATune.read(annotations, audio, MagnaTagATune.TOP_TAGS, notes::add);
        assertEquals(MagnaTagATune.TASK, d.taskName());
        assertEquals(50, d.classes().size());
        assertEquals(List.of("guitar", "classical", "slow", "techno"), d.classes().subList(0, 4), "most frequent first");
        assertTrue(!d.classes().contains("jazz") && !d.classes().contains("trance"), "the five rarest tags are not in the top 50");
        assertEquals(15, d.audio().size());
        assertTrue(notes.size() == 1 && notes.get(0).startsWith("1 of the 16 clips"), notes.toString());
        assertEquals(ProbePart.TRAIN, d.parts().get("1000"));
        assertEquals(ProbePart.TRAIN, d.parts().get("1011"), "folder b");
        assertEquals(ProbePart.VALIDATION, d.parts().get("1012"), "folder c");
        assertEquals(ProbePart.TEST, d.parts().get("1015"), "folder f");
        assertTrue(!d.parts().containsKey("1004"));
        // Clip 1000 has tag j when j % 16 < its count (15 - j / 4): guitar yes, "violin" (j=12, count 12) no.
        assertTrue(d.tags().get("1000").contains("guitar") && !d.tags().get("1000").contains("violin"));
        for (IngestItem it : d.audio()) assertTrue(Files.isRegularFile(it.file()), it.toString());
        ProbeTask t = d.tasks(new HashSet<>(d.parts().keySet()), 1, 1).get(0);
        assertEquals(15, t.ids().size());
        assertEquals(1, t.split().validation().length);
        assertEquals(3, t.split().test().length);
    }

    @Test
    void magnaTagATuneErrorsNameFileAndLine() throws Exception {
        Path bad = dir.resolve("annotations_final.csv");
        Files.writeString(bad, "\"clip_id\"\t\"guitar\"\t\"mp3_path\"\n\"1\"\t\"2\"\t\"0/a.mp3\"\n");
        IOException e = assertThrows(IOException.class, () -> MagnaTagATune.read(bad, dir, 50, s -> { }));
        assertTrue(e.getMessage().contains(bad + ":2: tag 'guitar' is '2'"), e.getMessage());
        Files.writeString(bad, "id,guitar,path\n");
        e = assertThrows(IOException.class, () -> MagnaTagATune.read(bad, dir, 50, s -> { }));
        assertTrue(e.getMessage().contains(bad + ":1: expected a tab-separated header"), e.getMessage());
        Files.writeString(bad, "\"clip_id\"\t\"guitar\"\t\"mp3_path\"\n\"1\"\t\"1\"\t\"0/missing.mp3\"\n");
        e = assertThrows(IOException.class, () -> MagnaTagATune.read(bad, dir, 50, s -> { }));
        assertTrue(e.getMessage().contains("none of the 1 clips") && e.getMessage().contains("missing.mp3"), e.getMessage());
    }

    @Test
    void audioSetReadsSegmentsWithLocalAudioAndNamesGenres() throws Exception {
        Path audio = Files.createDirectories(dir.resolve("audio"));
        for (String id : List.of("--trainAAA01", "-trainBBB_02", "trainCCC-003", "trainDDD0004", "trainEEE0005", "trainFFF0006",
                "trainGGG0007", "evalAAAA0001", "evalBBBB0002", "evalCCCC0003")) {
            Files.writeString(audio.resolve(id + (id.startsWith("eval") ? ".flac" : ".wav")), "placeholder");
        }
        List<String> notes = new ArrayList<>();
        ProbeDataset d = AudioSet.read(List.of(resource("audioset/balanced_train_segments.csv"), resource("audioset/eval_segments.csv")),
                resource("audioset/genres.csv"), audio, 1, notes::add);
        assertEquals("genres", d.taskName());
        assertEquals(List.of("Pop music", "Rock music", "Hip hop music"), d.classes());
        assertEquals(10, d.audio().size());
        assertTrue(notes.size() == 1 && notes.get(0).startsWith("1 of the 11 AudioSet segments"), notes.toString());
        assertEquals(Set.of("Pop music", "Rock music"), d.tags().get("trainDDD0004"), "Music is not a genre of the list");
        assertEquals(Set.of("Hip hop music"), d.tags().get("evalCCCC0003"));
        assertEquals(ProbePart.TEST, d.parts().get("evalAAAA0001"));
        long validation = d.parts().values().stream().filter(p -> p == ProbePart.VALIDATION).count();
        long train = d.parts().values().stream().filter(p -> p == ProbePart.TRAIN).count();
        assertEquals(1, validation, "10% of the 7 training segments, at least one");
        assertEquals(6, train);

        ProbeDataset all = AudioSet.read(List.of(resource("audioset/eval_segments.csv")), null, audio, 1, s -> { });
        assertEquals(AudioSet.TASK, all.taskName());
        assertEquals(List.of("/m/04rlf", "/m/064t9", "/m/06by7", "/m/0glt670"), all.classes(), "every label seen, sorted");
    }

    @Test
    void audioSetErrorsNameFileAndLine() throws Exception {
        Path csv = dir.resolve("eval_segments.csv");
        Files.writeString(csv, "# YTID, start_seconds, end_seconds, positive_labels\nabc, x, 10.0, \"/m/1\"\n");
        IOException e = assertThrows(IOException.class, () -> AudioSet.read(List.of(csv), null, dir, 1, s -> { }));
        assertTrue(e.getMessage().contains(csv + ":2: start and end seconds must be numbers"), e.getMessage());
        Files.writeString(csv, "abc, 0.0, 10.0, /m/1\n");
        e = assertThrows(IOException.class, () -> AudioSet.read(List.of(csv), null, dir, 1, s -> { }));
        assertTrue(e.getMessage().contains(csv + ":1: expected YTID"), e.getMessage());
    }
}
