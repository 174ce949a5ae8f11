package io.colisten.nn.embed;

import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README.md's Java example, compiled and run: {@link #example} is the code the README shows
 * (notes/embedder.md holds the section text), run here on a random-init checkpoint with a
 * classifier head and a vocabulary, three generated recordings and one file that is not audio.
 */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    // README example: begin
    static void example(Path run, Path songFile, List<Path> catalogueFiles, Path out) throws IOException {
        Embedder embedder = Embedder.load(run);             // a run folder (its latest checkpoint) or a .safetensors file

        float[] song = embedder.embed(songFile).vector();   // 128 floats, unit length
        for (Tag tag : embedder.tags(song, 5)) {             // needs a checkpoint with a classifier head
            System.out.printf("%-16s %.3f%n", tag.term(), tag.probability());
        }

        BatchResult batch = embedder.embedFiles(catalogueFiles);    // on every core; failures are collected
        batch.failures().forEach(f -> System.err.println("skipped " + f.message()));
        EmbeddingIndex catalogue = batch.toIndex(catalogueFiles.stream().map(Path::toString).toList());
        catalogue.write(out);                               // out/embeddings.npy + out/ids.txt, like `colisten embed`

        for (Hit hit : catalogue.search(song, 10)) {        // exact cosine top-k
            System.out.printf("%.3f %s%n", hit.score(), hit.id());
        }
        for (Hit hit : embedder.search("dreamy synth pop", EmbeddingIndex.read(out), 10)) {   // text to music
            System.out.printf("%.3f %s%n", hit.score(), hit.id());
        }
    }
    // README example: end

    @Test
    void theReadmeExampleRuns() throws IOException {
        Path run = dir.resolve("runs/demo");
        Vocabulary vocab = EmbedFixtures.vocabulary(List.of("pop", "synth", "dreamy", "synth pop", "rock", "guitar"));
        EmbedFixtures.run(run, EmbedFixtures.network(EmbedFixtures.audioNetwork(), 1), ClassifierHead.create(6, 128, 2), vocab, 4000);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) files.add(EmbedFixtures.wav(dir.resolve("music/track" + i + ".wav"), 3.2, 16_000, i));
        Path notAudio = Files.writeString(dir.resolve("music/cover.wav"), "not audio");
        files.add(notAudio);
        Path out = dir.resolve("catalogue");

        example(run, files.get(1), files, out);

        EmbeddingIndex written = EmbeddingIndex.read(out);
        assertEquals(3, written.size());
        assertEquals(files.get(0).toString(), written.id(0));
        Embedder embedder = Embedder.load(run);
        List<Hit> hits = written.search(embedder.embed(files.get(1)).vector(), 1);
        assertEquals(files.get(1).toString(), hits.get(0).id());
        assertEquals(1f, hits.get(0).score(), 1e-5f);
        assertTrue(embedder.textQuery("dreamy synth pop").terms().containsAll(List.of("dreamy", "synth", "pop", "synth pop")));
    }
}
