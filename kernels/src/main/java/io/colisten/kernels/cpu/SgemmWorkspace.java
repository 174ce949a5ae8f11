package io.colisten.kernels.cpu;

/**
 * Per-thread scratch for {@link Sgemm}: the packed A block, the packed B panel and one edge tile.
 * Buffers grow to the largest block seen and are then reused, so steady-state calls allocate nothing.
 * A workspace is only touched by the thread that owns it, and only while that thread runs one part
 * of one product (parts never wait on other tasks while holding it).
 */
final class SgemmWorkspace {
    private static final ThreadLocal<SgemmWorkspace> LOCAL = ThreadLocal.withInitial(SgemmWorkspace::new);

    final float[] tile = new float[SgemmMicroKernel.MR * SgemmMicroKernel.NR];
    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    /** Partial products of the parts of a k-split product, owned by the calling thread. */
    private float[] partials = new float[0];

    static SgemmWorkspace local() {
        return LOCAL.get();
    }

    float[] packedA(int size) {
        if (packedA.length < size) packedA = new float[size];
        return packedA;
    }

    float[] packedB(int size) {
        if (packedB.length < size) packedB = new float[size];
        return packedB;
    }

    float[] partials(int size) {
        if (partials.length < size) partials = new float[size];
        return partials;
    }
}
