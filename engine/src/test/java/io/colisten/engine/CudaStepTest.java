package io.colisten.engine;

import org.junit.jupiter.api.Assumptions;

import io.colisten.kernels.cuda.CudaProbe;

/** The step parity cases on GPU 0; skipped, with the probe's reason, without one. */
class CudaStepTest extends StepParityCases {
    @Override
    Device target() {
        CudaProbe.Result r = CudaProbe.probe();
        Assumptions.assumeTrue(r.usable(), r.describe());
        return new Device("cuda", 0);
    }
}
