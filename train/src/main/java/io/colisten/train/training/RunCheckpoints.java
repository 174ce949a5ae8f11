package io.colisten.train.training;

import io.colisten.engine.io.TrainingState;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.optim.ClassifierAdam;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.text.Vocabulary;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a run's checkpoints (RunFolder's layout) and keeps their number down. A checkpoint is
 * two files: the training state (optimiser moments, counters) first, then the weights; a run is
 * resumed from the newest weights file, so whenever one exists its state exists too, and a kill
 * between the two writes leaves the previous checkpoint as the newest. Both writes are atomic.
 * Pruning keeps the newest {@code keep} checkpoints plus those marked as stage ends.
 */
final class RunCheckpoints {
    private final Path run;
    private final int keep;
    private final Path vocabularyFile;
    private final Vocabulary vocabulary;
    private final Set<Long> pinned = new TreeSet<>();
    private Path last;

    RunCheckpoints(Path run, int keep, Path vocabularyFile, Vocabulary vocabulary) {
        this.run = run;
        this.keep = keep;
        this.vocabularyFile = vocabularyFile;
        this.vocabulary = vocabulary;
    }

    /** Saves step {@code step}'s checkpoint; {@code pin} keeps it from pruning (a stage's end). */
    Path save(long step, Stage stage, EmbeddingNetwork network, ClassifierHead head, Adam adam, ClassifierAdam classifierAdam,
              Map<String, Object> progress, boolean pin) throws IOException {
        Files.createDirectories(RunFolder.checkpoints(run));
        Path weights = RunFolder.checkpoint(run, step);
        TrainingState.save(RunFolder.state(weights), adam, classifierAdam, Map.of(), progress);
        Checkpoint.save(weights, network, head, step, stage.word(), vocabularyFile, vocabulary);
        if (pin) pinned.add(step);
        last = weights;
        prune();
        return weights;
    }

    /** The newest checkpoint written or found (null before the first). */
    Path last() {
        return last;
    }

    void resumedFrom(Path checkpoint, List<Long> pinnedSteps) {
        last = checkpoint;
        pinned.addAll(pinnedSteps);
    }

    /** The steps of the pinned checkpoints (saved in the progress map). */
    List<Long> pinned() {
        return new ArrayList<>(pinned);
    }

    private void prune() throws IOException {
        List<Long> steps = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(RunFolder.checkpoints(run))) {
            for (Path p : files) {
                long s = RunFolder.step(p);
                if (s >= 0) steps.add(s);
            }
        }
        steps.sort(null);
        for (int i = 0; i < steps.size() - keep; i++) {
            long s = steps.get(i);
            if (pinned.contains(s)) continue;
            Path weights = RunFolder.checkpoint(run, s);
            Files.deleteIfExists(weights);
            Files.deleteIfExists(RunFolder.state(weights));
        }
    }
}
