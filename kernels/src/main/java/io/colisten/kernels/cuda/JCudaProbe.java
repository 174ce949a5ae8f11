package io.colisten.kernels.cuda;

import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * The part of the probe that touches JCuda: loading JCudaDriver loads its natives (which link
 * libcuda.so.1), so a failure here is reported as missing natives, not thrown.
 */
final class JCudaProbe {
    private JCudaProbe() {}

    static CudaProbe.Result run() {
        try {
            JCudaDriver.setExceptionsEnabled(false);
        } catch (LinkageError e) {
            return CudaProbe.Result.unusable("JCuda driver natives (libJCudaDriver-12.6.0-linux-x86_64.so) did not load: "
                    + e.getMessage());
        }
        int status = JCudaDriver.cuInit(0);
        if (status != 0) return CudaProbe.Result.unusable("cuInit failed with status " + status + " (no usable device or driver)");
        int[] v = new int[1];
        JCudaDriver.cuDriverGetVersion(v);
        int driver = v[0];
        status = JCudaDriver.cuDeviceGetCount(v);
        if (status != 0) return CudaProbe.Result.unusable("cuDeviceGetCount failed with status " + status);
        if (v[0] == 0) return CudaProbe.Result.unusable("the NVIDIA driver reports no CUDA device");
        int count = v[0];
        CUdevice dev = new CUdevice();
        CudaException.check(JCudaDriver.cuDeviceGet(dev, 0), "cuDeviceGet(0)");
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, dev);
        int len = 0;
        while (len < name.length && name[len] != 0) len++;
        int[] major = new int[1], minor = new int[1];
        JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
        JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
        return new CudaProbe.Result(true, "", count, new String(name, 0, len, java.nio.charset.StandardCharsets.US_ASCII),
                major[0], minor[0], driver);
    }
}
