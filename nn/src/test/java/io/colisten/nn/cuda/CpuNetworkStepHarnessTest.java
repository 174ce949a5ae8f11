package io.colisten.nn.cuda;

import io.colisten.engine.Backends;
import io.colisten.engine.Device;
import io.colisten.engine.cpu.CpuBackend;

/**
 * The network step parity on a second CPU device: runs everywhere, and catches code that assumes
 * tensors live on the default CPU device (which the GPU would then fail on).
 */
class CpuNetworkStepHarnessTest extends NetworkStepParityCases {
    private static final Device SECOND = new Device("cpu", 7);

    static {
        Backends.register(new CpuBackend(SECOND));
    }

    @Override
    Device target() {
        return SECOND;
    }

    @Override
    int steps() {
        return 1;
    }

    @Override
    boolean runs(String name) {
        return name.equals("smallcnn"); // one network is enough to catch device assumptions here; the GPU runs both
    }
}
