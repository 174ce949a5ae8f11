package io.colisten.kernels.cuda;

import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUevent;
import jcuda.driver.JCudaDriver;

/**
 * One GPU as the backend sees it: the device's primary context (the one the CUDA runtime, and so
 * cuBLAS and cuDNN, also use), one stream that all work is queued on, our PTX kernels, and the raw
 * memory and copy calls. Opening it runs {@link CudaProbe} first and throws
 * {@link CudaUnavailableException} with the probe's one-line reason when there is no usable GPU.
 *
 * <p>Threads: the context is made current on a thread the first time that thread uses it
 * ({@link #bind}). Host-device copies are synchronous (the legacy default stream, which waits for
 * our blocking stream), so a download returns finished data.
 */
public final class CudaContext {
    private static final ThreadLocal<CudaContext> BOUND = new ThreadLocal<>();
    private static final java.util.Map<Integer, CudaContext> OPEN = new java.util.HashMap<>();

    private final int index;
    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CudaStream stream = new CudaStream();
    private final PtxKernels kernels;
    private final CudaProbe.Result probe;

    private CudaContext(int index, CudaProbe.Result probe) {
        this.index = index;
        this.probe = probe;
        CudaException.check(JCudaDriver.cuDeviceGet(device, index), "cuDeviceGet(" + index + ")");
        CudaException.check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        bind();
        CudaException.check(JCudaDriver.cuStreamCreate(stream, 0), "cuStreamCreate");
        kernels = new PtxKernels();
    }

    /** The context of device {@code index}, opened once per process. */
    public static synchronized CudaContext open(int index) {
        CudaContext c = OPEN.get(index);
        if (c != null) return c;
        CudaProbe.Result r = CudaProbe.probe();
        if (!r.usable()) throw new CudaUnavailableException("no usable CUDA GPU: " + r.reason());
        if (index < 0 || index >= r.devices()) {
            throw new CudaUnavailableException("CUDA device " + index + " does not exist (" + r.devices() + " found)");
        }
        c = new CudaContext(index, r);
        OPEN.put(index, c);
        return c;
    }

    public int index() { return index; }

    /** The probe's description of the GPUs (device 0's name and capability). */
    public CudaProbe.Result probe() { return probe; }

    public CudaStream stream() { return stream; }

    /** Makes this context current on the calling thread (cheap when it already is). */
    public void bind() {
        if (BOUND.get() != this) {
            CudaException.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            BOUND.set(this);
        }
    }

    /** Waits until the stream's work is done. */
    public void synchronize() {
        bind();
        CudaException.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    /** Free and total device memory in bytes. */
    public long[] memoryInfo() {
        bind();
        long[] free = new long[1], total = new long[1];
        CudaException.check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
        return new long[] {free[0], total[0]};
    }

    // ---- memory ---------------------------------------------------------------------------------

    /** cuMemAlloc of {@code bytes} (> 0). */
    public DevicePointer allocate(long bytes) {
        bind();
        DevicePointer p = new DevicePointer();
        CudaException.check(JCudaDriver.cuMemAlloc(p, bytes), "cuMemAlloc(" + bytes + " bytes)");
        return p;
    }

    public void free(DevicePointer p) {
        bind();
        CudaException.check(JCudaDriver.cuMemFree(p), "cuMemFree");
    }

    /** Device bytes at {@code base + byteOffset} = floats src[srcOff, srcOff + n). */
    public void upload(DevicePointer base, long byteOffset, float[] src, int srcOff, int n) {
        bind();
        CudaException.check(JCudaDriver.cuMemcpyHtoD(base.withByteOffset(byteOffset),
                Pointer.to(src).withByteOffset(4L * srcOff), 4L * n), "cuMemcpyHtoD");
    }

    public void uploadInts(DevicePointer base, long byteOffset, int[] src, int srcOff, int n) {
        bind();
        CudaException.check(JCudaDriver.cuMemcpyHtoD(base.withByteOffset(byteOffset),
                Pointer.to(src).withByteOffset(4L * srcOff), 4L * n), "cuMemcpyHtoD");
    }

    public void download(float[] dst, int dstOff, DevicePointer base, long byteOffset, int n) {
        bind();
        CudaException.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst).withByteOffset(4L * dstOff),
                base.withByteOffset(byteOffset), 4L * n), "cuMemcpyDtoH");
    }

    public void downloadInts(int[] dst, int dstOff, DevicePointer base, long byteOffset, int n) {
        bind();
        CudaException.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst).withByteOffset(4L * dstOff),
                base.withByteOffset(byteOffset), 4L * n), "cuMemcpyDtoH");
    }

    /** Device-to-device copy of {@code bytes} on the stream. */
    public void copy(DevicePointer dst, long dstOffset, DevicePointer src, long srcOffset, long bytes) {
        bind();
        CudaException.check(JCudaDriver.cuMemcpyDtoDAsync(dst.withByteOffset(dstOffset), src.withByteOffset(srcOffset),
                bytes, stream), "cuMemcpyDtoDAsync");
    }

    /** Sets {@code n} 32-bit words at {@code base + byteOffset} to {@code bits} on the stream. */
    public void fill32(DevicePointer base, long byteOffset, int bits, long n) {
        bind();
        CudaException.check(JCudaDriver.cuMemsetD32Async(base.withByteOffset(byteOffset), bits, n, stream),
                "cuMemsetD32Async");
    }

    // ---- kernels --------------------------------------------------------------------------------

    /**
     * Queues kernel {@code name} on the stream with {@code blocks} x {@code threads} and the given
     * arguments (see {@link KernelArgs}: Long = address, Integer, Float).
     */
    public void launch(String name, int blocks, int threads, Object... args) {
        PtxKernels.checkArgs(name, args);
        bind();
        CudaException.check(JCudaDriver.cuLaunchKernel(kernels.function(name), blocks, 1, 1, threads, 1, 1, 0, stream,
                KernelArgs.of(args), null), "cuLaunchKernel(" + name + ")");
    }

    // ---- timing ---------------------------------------------------------------------------------

    /** A pair of events on the stream: {@link Timer#start}, {@link Timer#stopMillis}. */
    public Timer timer() {
        bind();
        return new Timer();
    }

    /** Elapsed GPU time between two events recorded on this context's stream. */
    public final class Timer {
        private final CUevent begin = new CUevent(), end = new CUevent();

        private Timer() {
            CudaException.check(JCudaDriver.cuEventCreate(begin, 0), "cuEventCreate");
            CudaException.check(JCudaDriver.cuEventCreate(end, 0), "cuEventCreate");
        }

        public void start() {
            bind();
            CudaException.check(JCudaDriver.cuEventRecord(begin, stream), "cuEventRecord");
        }

        /** Records the end, waits for it, and returns the milliseconds since {@link #start}. */
        public float stopMillis() {
            bind();
            CudaException.check(JCudaDriver.cuEventRecord(end, stream), "cuEventRecord");
            CudaException.check(JCudaDriver.cuEventSynchronize(end), "cuEventSynchronize");
            float[] ms = new float[1];
            CudaException.check(JCudaDriver.cuEventElapsedTime(ms, begin, end), "cuEventElapsedTime");
            return ms[0];
        }
    }
}
