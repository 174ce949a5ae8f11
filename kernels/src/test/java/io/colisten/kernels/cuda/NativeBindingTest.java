package io.colisten.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;

/**
 * The cuBLAS and cuDNN bindings load without their libraries, and asking for a handle then fails
 * with a message that names the library (never UnsatisfiedLinkError at class load).
 */
class NativeBindingTest {
    @Test
    void bindingsLoadWithoutTheLibraries() throws Exception {
        Class.forName("io.colisten.kernels.cuda.Cublas");
        Class.forName("io.colisten.kernels.cuda.Cudnn");
    }

    @Test
    void missingLibraryIsNamed() {
        NativeLibrary lib = new NativeLibrary("cuFoo", "libcufoo-colisten-missing.so.7");
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class, lib::require);
        assertTrue(e.getMessage().contains("cuFoo") && e.getMessage().contains("libcufoo-colisten-missing.so.7"), e.getMessage());
        // asked again: the same clear message, not a class-initialisation error
        e = assertThrows(CudaUnavailableException.class, lib::require);
        assertTrue(e.getMessage().contains("libcufoo-colisten-missing.so.7"), e.getMessage());
    }

    @Test
    void handlesWithoutLibrariesNameThem() {
        if (!CudaProbe.libraryOpens("libcublas.so.13") && !CudaProbe.libraryOpens("libcublas.so")) {
            CudaUnavailableException e = assertThrows(CudaUnavailableException.class, () -> Cublas.create(0));
            assertTrue(e.getMessage().contains("libcublas.so.13"), e.getMessage());
        }
        if (!CudaProbe.libraryOpens("libcudnn.so.9") && !CudaProbe.libraryOpens("libcudnn.so")) {
            CudaUnavailableException e = assertThrows(CudaUnavailableException.class, () -> Cudnn.create(0));
            assertTrue(e.getMessage().contains("libcudnn.so.9"), e.getMessage());
        }
    }

    @Test
    void algorithmChoiceSkipsFailedAndOversizedEntries() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment perf = a.allocate(Cudnn.PERF_BYTES * 3, 8);
            put(perf, 0, 6, 0, 1L << 40);  // too much workspace
            put(perf, 1, 2, 9, 0);         // failed status
            put(perf, 2, 1, 0, 4096);
            Cudnn.Algo algo = Cudnn.choose(perf, 3, 1L << 30, "test");
            assertTrue(algo.algo() == 1 && algo.workspace() == 4096, algo.toString());
            assertThrows(CudaException.class, () -> Cudnn.choose(perf, 2, 1L << 30, "test"));
        }
    }

    private static void put(MemorySegment perf, int i, int algo, int status, long memory) {
        long o = i * Cudnn.PERF_BYTES;
        perf.set(ValueLayout.JAVA_INT, o, algo);
        perf.set(ValueLayout.JAVA_INT, o + 4, status);
        perf.set(ValueLayout.JAVA_LONG, o + 16, memory);
    }
}
