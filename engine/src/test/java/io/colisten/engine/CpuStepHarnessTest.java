package io.colisten.engine;

import io.colisten.engine.cpu.CpuBackend;

/** The step parity harness on a second CPU device, so it runs (and must pass exactly) everywhere. */
class CpuStepHarnessTest extends StepParityCases {
    private static final Device SECOND = new Device("cpu", 7);

    static {
        Backends.register(new CpuBackend(SECOND));
    }

    @Override
    Device target() {
        return SECOND;
    }
}
