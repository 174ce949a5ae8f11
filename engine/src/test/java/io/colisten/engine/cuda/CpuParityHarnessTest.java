package io.colisten.engine.cuda;

import io.colisten.engine.Backend;
import io.colisten.engine.Device;
import io.colisten.engine.cpu.CpuBackend;

/**
 * Runs the GPU parity cases with a second CPU backend as the target, so the harness itself (shapes,
 * offsets, null arguments) is exercised on every machine, GPU or not.
 */
class CpuParityHarnessTest extends BackendParityCases {
    private static final Backend SECOND_CPU = new CpuBackend(new Device("cpu", 7));

    @Override
    Backend target() {
        return SECOND_CPU;
    }
}
