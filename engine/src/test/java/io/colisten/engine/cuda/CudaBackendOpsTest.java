package io.colisten.engine.cuda;

import org.junit.jupiter.api.Assumptions;

import io.colisten.engine.Backend;
import io.colisten.kernels.cuda.CudaProbe;

/** The parity cases on the CUDA backend (device 0); skipped, with the probe's reason, without a GPU. */
class CudaBackendOpsTest extends BackendParityCases {
    @Override
    Backend target() {
        CudaProbe.Result r = CudaProbe.probe();
        Assumptions.assumeTrue(r.usable(), r.describe());
        return CudaBackend.open(0);
    }
}
