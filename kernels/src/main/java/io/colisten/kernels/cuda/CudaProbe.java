package io.colisten.kernels.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

/**
 * Whether a CUDA GPU is usable here, found once and on first demand (never at class load, and
 * never by throwing): the driver library libcuda.so.1 must open, JCuda's classes and its driver
 * natives must load, cuInit must succeed and at least one device must exist. The checks run in
 * that order so the reason names the first missing piece. This class refers to no JCuda type, so it
 * loads without JCuda on the class path.
 */
public final class CudaProbe {
    /** The driver library JCuda's natives link against. */
    public static final String DRIVER_LIBRARY = "libcuda.so.1";

    /**
     * The outcome: usable, or why not (one line). For a usable GPU, device 0's name and compute
     * capability, the device count and the driver's CUDA version (e.g. 13000).
     */
    public record Result(boolean usable, String reason, int devices, String name, int ccMajor, int ccMinor,
                         int driverVersion) {
        static Result unusable(String reason) {
            return new Result(false, reason, 0, "", 0, 0, 0);
        }

        /** One line for logs and the launcher. */
        public String describe() {
            if (!usable) return "no usable CUDA GPU: " + reason;
            return "CUDA: " + devices + " device(s); device 0 " + name + ", compute capability " + ccMajor + "."
                    + ccMinor + ", driver CUDA " + driverVersion / 1000 + "." + driverVersion % 1000 / 10;
        }
    }

    private static Result result;

    private CudaProbe() {}

    /** The probe's result, computed on the first call. */
    public static synchronized Result probe() {
        if (result == null) result = probe(DRIVER_LIBRARY);
        return result;
    }

    /** The probe with the driver library named (tests pass a missing one). Never throws. */
    static Result probe(String driverLibrary) {
        try {
            if (!libraryOpens(driverLibrary)) {
                return Result.unusable(driverLibrary + " not found: no NVIDIA driver on this machine");
            }
            try {
                Class.forName("jcuda.driver.JCudaDriver", false, CudaProbe.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return Result.unusable("JCuda (org.jcuda:jcuda 12.6.0) is not on the class path");
            }
            return JCudaProbe.run();
        } catch (Throwable t) {
            return Result.unusable("CUDA probe failed: " + t);
        }
    }

    /** Prints the probe's one line; exit 0 with a usable GPU, 1 without (scripts/gpu-run.sh --probe). */
    public static void main(String[] args) {
        Result r = probe();
        System.out.println(r.describe());
        System.exit(r.usable() ? 0 : 1);
    }

    /** Whether the dynamic linker can open {@code name} (dlopen through java.lang.foreign). */
    static boolean libraryOpens(String name) {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(name, arena);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
