package io.colisten.train.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.train.cli.Colisten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a real `colisten train` process with SIGKILL at a random step, resumes it with --resume,
 * and checks that the final weights and optimiser state are byte-identical to those of an
 * uninterrupted run with the same seed (issue 8's test).
 */
class TrainKillResumeTest {
    private static final long STEPS = 40;

    @TempDir
    Path dir;

    private static List<String> args(Path corpus, Path run) {
        Map<String, Object> c = TrainerTest.small(corpus, "hybrid", STEPS);
        List<String> a = new ArrayList<>(List.of("train", "--corpus", corpus.toString(), "--out", run.toString(), "--quiet"));
        for (String k : List.of("mode", "width", "steps", "batch", "lr", "stream_threads", "eval_batches", "eval_every", "log_every",
                "checkpoint_every", "plateau_window", "max_triplet_steps")) {
            a.add("--set");
            a.add(k + "=" + c.get(k));
        }
        a.set(a.indexOf("max_triplet_steps=6"), "max_triplet_steps=20");
        return a;
    }

    private static long lastLoggedStep(Path log) throws Exception {
        if (!Files.isRegularFile(log)) return -1;
        long last = -1;
        for (String line : Files.readAllLines(log)) {
            int i = line.indexOf("\"step\":");
            if (i < 0 || !line.contains("\"event\":\"step\"")) continue;
            int j = line.indexOf(',', i);
            if (j < 0) continue;
            last = Math.max(last, Long.parseLong(line.substring(i + 7, j)));
        }
        return last;
    }

    @Test
    void aKilledRunResumesToTheSameWeights() throws Exception {
        Path corpus = TinyCorpus.write(dir.resolve("corpus"), 96, true, true, -1);
        Path straight = dir.resolve("straight"), killed = dir.resolve("killed");
        assertEquals(0, Colisten.commandLine().execute(args(corpus, straight).toArray(String[]::new)));

        long killAt = 6 + new Random().nextInt(20); // a random step, reported on failure
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-XX:-TieredCompilation", "-XX:+UseParallelGC"));
        String threads = System.getProperty("colisten.threads");
        if (threads != null) cmd.add("-Dcolisten.threads=" + threads);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Colisten.class.getName()));
        cmd.addAll(args(corpus, killed));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path log = killed.resolve(MetricsLog.NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (lastLoggedStep(log) < killAt && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(2);
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint on the way out
        p.waitFor();
        long reached = lastLoggedStep(log);
        assertTrue(reached >= killAt && reached < STEPS, "the child should be killed mid-run at step >= " + killAt + ", reached "
                + reached + "; its log: " + Files.readString(dir.resolve("child.log")));

        assertEquals(0, Colisten.commandLine().execute("train", "--out", killed.toString(), "--resume", "--quiet"));
        Path a = RunFolder.latest(straight), b = RunFolder.latest(killed);
        assertEquals(STEPS, RunFolder.step(a));
        assertEquals(STEPS, RunFolder.step(b));
        TrainerTest.assertSameTensors(a, b);
        TrainerTest.assertSameTensors(RunFolder.state(a), RunFolder.state(b));
        List<Long> steps = new ArrayList<>();
        for (JsonNode n : MetricsLog.read(log)) if (n.get("event").asText().equals("step")) steps.add(n.get("step").asLong());
        for (int i = 0; i < STEPS; i++) assertEquals(i + 1, steps.get(i), "killed at " + reached + ": the resumed log has each step once");
        assertEquals(STEPS, steps.size());
    }
}
