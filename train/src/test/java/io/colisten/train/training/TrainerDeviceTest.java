package io.colisten.train.training;

import io.colisten.engine.Backends;
import io.colisten.engine.Device;
import io.colisten.engine.cpu.CpuBackend;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.train.progress.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The training loop on a device other than the default: a second CPU backend ("cpu:7") stands in
 * for a GPU, so every place where the loop makes a tensor without asking the network's device
 * (batches, targets, the classifier, optimiser moments, a resumed checkpoint) fails here as it would
 * on CUDA, while the arithmetic stays identical: the weights and optimiser state must equal the
 * default device's byte for byte, across the hybrid stage change and a resume, and for cf-regression.
 */
class TrainerDeviceTest {
    private static final Device SECOND = new Device("cpu", 7);

    @TempDir
    static Path dir;
    static Path corpus;

    @BeforeAll
    static void setUp() throws IOException {
        Backends.register(new CpuBackend(SECOND));
        corpus = TinyCorpus.write(dir.resolve("corpus"), 96, true, true, -1);
    }

    private static void train(Map<String, Object> config, Path run, boolean resume, Device device) throws IOException {
        TrainConfig c = TrainConfig.fromMap(config);
        try (TrainingCorpus data = TrainingCorpus.open(Path.of(c.corpus()), null, m -> { })) {
            new Trainer(c, run, data, Progress.NONE, m -> { }).onDevice(device).run(resume);
        }
    }

    @Test
    void hybridOnAnotherDeviceEqualsTheCpuAcrossAResume() throws IOException {
        Map<String, Object> eval = TrainerTest.small(corpus, "hybrid", 8);
        eval.put("eval_every", 4L);
        Path cpu = dir.resolve("cpu"), other = dir.resolve("other");
        train(eval, cpu, false, Device.CPU);
        Map<String, Object> first = TrainerTest.small(corpus, "hybrid", 4);
        first.put("eval_every", 4L);
        train(first, other, false, SECOND);
        train(eval, other, true, SECOND);
        TrainerTest.assertSameTensors(RunFolder.latest(cpu), RunFolder.latest(other));
        TrainerTest.assertSameTensors(RunFolder.state(RunFolder.latest(cpu)), RunFolder.state(RunFolder.latest(other)));
        assertEquals(8, io.colisten.nn.checkpoint.Checkpoint.load(other).metadata().step());
    }

    @Test
    void cfRegressionOnAnotherDeviceEqualsTheCpu() throws IOException {
        Path cpu = dir.resolve("cf-cpu"), other = dir.resolve("cf-other");
        train(TrainerTest.small(corpus, "cf-regression", 3), cpu, false, Device.CPU);
        train(TrainerTest.small(corpus, "cf-regression", 3), other, false, SECOND);
        TrainerTest.assertSameTensors(RunFolder.latest(cpu), RunFolder.latest(other));
    }
}
