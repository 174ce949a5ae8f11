package io.colisten.nn.cuda;

import org.junit.jupiter.api.Assumptions;

import io.colisten.engine.Device;
import io.colisten.kernels.cuda.CudaProbe;

/** SmallCNN and ResNet-18 training steps on GPU 0 against the CPU; skipped, with the reason, without a GPU. */
class CudaNetworkStepTest extends NetworkStepParityCases {
    @Override
    Device target() {
        CudaProbe.Result r = CudaProbe.probe();
        Assumptions.assumeTrue(r.usable(), r.describe());
        return new Device("cuda", 0);
    }
}
