package io.colisten.train.cli;

import io.colisten.engine.Device;
import io.colisten.engine.cuda.CudaBackend;
import io.colisten.kernels.cuda.CudaUnavailableException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --device cpu|cuda[:N]} for the commands that run a model. cpu is the default; cuda opens
 * the GPU (CudaBackend) and, without a usable one, fails with one line that says why (no driver, no
 * device, natives missing), exit 1. A malformed value is a usage error (exit 2).
 */
final class DeviceOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "Where the model runs: cpu (default) or cuda[:N] (an NVIDIA GPU).")
    String device;

    /** The device named, parsed (a usage error when malformed). */
    Device parse() {
        String d = device == null ? "cpu" : device.trim();
        if (d.equals("cpu")) return Device.CPU;
        if (d.equals("cuda")) return new Device("cuda", 0);
        if (d.startsWith("cuda:")) {
            try {
                int i = Integer.parseInt(d.substring(5));
                if (i >= 0) return new Device("cuda", i);
            } catch (NumberFormatException e) {
                // falls through to the usage error
            }
        }
        throw new ParameterException(spec.commandLine(), "--device: expected cpu, cuda or cuda:N, got '" + device + "'");
    }

    /**
     * The device this command runs on, checked before any work: cpu, or a GPU that opened. Only
     * {@code train} is wired to a device (tested on a second CPU device; not yet run on a GPU:
     * notes/cuda.md); the other commands refuse a usable GPU rather than silently run on the CPU.
     */
    Device resolve(String command) {
        Device d = parse();
        if (d.equals(Device.CPU)) return d;
        try {
            CudaBackend.open(d.index());
        } catch (CudaUnavailableException e) {
            throw new IllegalStateException("--device " + d + ": " + e.getMessage());
        }
        if (command.equals("train")) return d;
        throw new IllegalStateException("--device " + d + ": the GPU opened, but '" + command
                + "' does not run on it yet (the CUDA backend is tested op by op; see notes/cuda.md); use --device cpu");
    }
}
