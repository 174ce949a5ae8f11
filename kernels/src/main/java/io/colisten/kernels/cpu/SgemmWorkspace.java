package io.colisten.kernels.cpu;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Per-thread scratch for {@link Sgemm}: the packed A block, the packed B panel and one edge tile.
 * Buffers grow to the largest block seen and are then reused, so steady-state calls allocate nothing.
 * A workspace is only touched by the thread that owns it, and only while that thread runs one part
 * of one product (parts never wait on other tasks while holding it).
 *
 * <p>The packed B panel is read with two 64-byte vector loads per k step; when those straddle cache
 * lines the kernel loses ~10% (1024^3 on one core: 174 GFLOP/s misaligned, 190 aligned). A Java array's
 * address is not visible, but under G1 an array of at least half a region is "humongous": it starts at
 * a region boundary and never moves, so its data begins at the array base offset (16 bytes) past a
 * 64-byte boundary. The B buffer is therefore allocated humongous under G1 and packed from float
 * {@link #B_SHIFT} on. Under other collectors the shift is 0 and alignment is left to chance.
 */
final class SgemmWorkspace {
    /** Float index in the packed-B array where the panel starts (cache-line aligned under G1). */
    static final int B_SHIFT;
    /** Smallest packed-B array: half a G1 region, so that it is humongous; 0 when not on G1. */
    private static final int B_MIN;

    static {
        int shift = 0, min = 0;
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            boolean g1 = Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue());
            long region = Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
            boolean compressedClass = Boolean.parseBoolean(vm.getVMOption("UseCompressedClassPointers").getValue());
            boolean compactHeaders = Boolean.parseBoolean(vm.getVMOption("UseCompactObjectHeaders").getValue());
            // float[] data offset: 16 bytes (12-byte header + length), 12 with compact object headers.
            int base = compactHeaders ? 12 : compressedClass ? 16 : -1;
            if (g1 && base > 0 && region > 0 && region <= (16 << 20)) {
                shift = (64 - base) / Float.BYTES;
                min = (int) (region / 2 / Float.BYTES) + shift;
            }
        } catch (RuntimeException | LinkageError e) {
            // No HotSpot diagnostics (another VM): keep shift 0, correctness does not depend on it.
        }
        B_SHIFT = shift;
        B_MIN = min;
    }

    private static final ThreadLocal<SgemmWorkspace> LOCAL = ThreadLocal.withInitial(() -> new SgemmWorkspace(B_SHIFT));

    final float[] tile = new float[SgemmMicroKernel.MR * SgemmMicroKernel.NR];
    /** Lane offsets for the packing gathers. */
    final int[] gather = new int[SgemmMicroKernel.NR];
    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    /** Partial products of the parts of a k-split product, owned by the calling thread. */
    private float[] partials = new float[0];

    /** Float index in {@link #packedB} where the panel starts. */
    final int bShift;

    SgemmWorkspace(int bShift) {
        this.bShift = bShift;
    }

    static SgemmWorkspace local() {
        return LOCAL.get();
    }

    float[] packedA(int size) {
        if (packedA.length < size) packedA = new float[size];
        return packedA;
    }

    /** At least bShift + size floats; the panel goes from index bShift on. */
    float[] packedB(int size) {
        if (packedB.length < bShift + size) packedB = new float[Math.max(bShift + size, B_MIN)];
        return packedB;
    }

    float[] partials(int size) {
        if (partials.length < size) partials = new float[size];
        return partials;
    }
}
