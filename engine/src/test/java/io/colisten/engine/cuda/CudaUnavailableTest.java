package io.colisten.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.colisten.engine.Device;
import io.colisten.engine.Tensor;
import io.colisten.kernels.cuda.CudaProbe;
import io.colisten.kernels.cuda.CudaUnavailableException;

/**
 * Without a GPU, asking for a cuda tensor fails as any unknown device does (IllegalArgumentException
 * naming it) with the probe's one-line reason, not a link error.
 */
class CudaUnavailableTest {
    @Test
    void cudaDeviceWithoutGpuSaysWhy() {
        CudaProbe.Result r = CudaProbe.probe();
        Assumptions.assumeFalse(r.usable(), "a GPU is present: " + r.describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(new Device("cuda", 0), 3));
        assertTrue(e.getMessage().startsWith("no backend for device cuda:0: no usable CUDA GPU: "), e.getMessage());
        assertTrue(e.getMessage().contains(r.reason()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        // asked again: the same answer (the probe is cached, nothing half-initialised)
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(new Device("cuda", 0), 3));
        // the backend itself throws the library-level exception, which the launcher prints
        assertThrows(CudaUnavailableException.class, () -> CudaBackend.open(0));
    }
}
