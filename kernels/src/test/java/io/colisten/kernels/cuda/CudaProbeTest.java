package io.colisten.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The probe never throws and names what is missing; opening a context without a GPU says why. */
class CudaProbeTest {
    @Test
    void probeAnswersWithoutThrowing() {
        CudaProbe.Result r = CudaProbe.probe();
        if (r.usable()) {
            assertTrue(r.devices() > 0 && !r.name().isEmpty() && r.ccMajor() > 0, r.describe());
        } else {
            assertFalse(r.reason().isBlank());
            assertFalse(r.describe().contains("\n"), "one line: " + r.describe());
        }
    }

    @Test
    void missingDriverLibraryIsNamed() {
        CudaProbe.Result r = CudaProbe.probe("libcuda-colisten-missing.so.1");
        assertFalse(r.usable());
        assertTrue(r.reason().contains("libcuda-colisten-missing.so.1"), r.reason());
    }

    @Test
    void contextWithoutGpuFailsWithTheReason() {
        CudaProbe.Result r = CudaProbe.probe();
        if (r.usable()) return; // a GPU machine opens the context; CudaContextTest covers it there
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class, () -> CudaContext.open(0));
        assertTrue(e.getMessage().contains(r.reason()), e.getMessage());
    }

    @Test
    void jcudaNativesWithoutDriverAreReportedNotThrown() {
        if (CudaProbe.libraryOpens(CudaProbe.DRIVER_LIBRARY)) return; // with a driver the natives load
        CudaProbe.Result r = JCudaProbe.run();
        assertFalse(r.usable());
        assertTrue(r.reason().contains("JCuda driver natives"), r.reason());
    }
}
