package io.colisten.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.colisten.kernels.cuda.CudaProbe;
import picocli.CommandLine;

/** {@code --device}: cuda without a GPU is one clear line and exit 1; a malformed device is exit 2. */
class DeviceOptionTest {
    @TempDir
    Path tmp;

    private record Run(int code, String err) {}

    private Run run(String... args) {
        CommandLine cl = Colisten.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cl.execute(args), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "embed", "eval", "demo"})
    void cudaWithoutGpuSaysWhyInOneLine(String command) {
        CudaProbe.Result r = CudaProbe.probe();
        Assumptions.assumeFalse(r.usable(), "a GPU is present: " + r.describe());
        String out = tmp.resolve("out").toString();
        String[] args = switch (command) {
            case "train" -> new String[] {"train", "--out", out, "--device", "cuda"};
            case "embed" -> new String[] {"embed", "--model", out, "--out", out, "--device", "cuda", "x.wav"};
            case "eval" -> new String[] {"eval", out, "--device", "cuda"};
            default -> new String[] {"demo", "--out", out, "--device", "cuda"};
        };
        Run run = run(args);
        assertEquals(1, run.code(), run.err());
        String line = run.err().strip();
        assertTrue(line.startsWith("colisten " + command + ": --device cuda:0: no usable CUDA GPU: "), line);
        assertTrue(line.contains(r.reason()), line);
        assertEquals(1, line.lines().count(), "one line: " + line);
    }

    @Test
    void malformedDeviceIsAUsageError() {
        Run run = run("train", "--out", tmp.toString(), "--device", "tpu");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("--device: expected cpu, cuda or cuda:N, got 'tpu'"), run.err());
        assertEquals(2, run("train", "--out", tmp.toString(), "--device", "cuda:-1").code());
    }
}
