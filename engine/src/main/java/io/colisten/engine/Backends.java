package io.colisten.engine;

import io.colisten.engine.cpu.CpuBackend;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the backend for a device. The CPU backend is always present; the CUDA backend opens on the
 * first request for a {@code cuda:N} device (and registers itself); others (a second CPU device in
 * tests) register themselves when they are created.
 */
public final class Backends {
    private static final Map<Device, Backend> REGISTERED = new ConcurrentHashMap<>();

    private Backends() {}

    public static Backend of(Device device) {
        if (device == Device.CPU || device.equals(Device.CPU)) return CpuBackend.instance();
        Backend b = REGISTERED.get(device);
        if (b == null && device.type().equals("cuda")) {
            // Opens the GPU on first use; without one, the probe's one-line reason.
            try {
                return io.colisten.engine.cuda.CudaBackend.open(device.index());
            } catch (io.colisten.kernels.cuda.CudaUnavailableException e) {
                throw new IllegalArgumentException("no backend for device " + device + ": " + e.getMessage(), e);
            }
        }
        if (b == null) throw new IllegalArgumentException("no backend for device " + device);
        return b;
    }

    /** Makes {@code backend} the one for its device; a later registration replaces an earlier one. */
    public static void register(Backend backend) {
        if (backend.device().equals(Device.CPU) && backend != CpuBackend.instance()) {
            throw new IllegalArgumentException("backends: device cpu is served by the built-in CPU backend");
        }
        REGISTERED.put(backend.device(), backend);
    }
}
