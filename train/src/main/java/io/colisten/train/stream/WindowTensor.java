package io.colisten.train.stream;

import io.colisten.engine.Device;
import io.colisten.engine.Tensor;
import io.colisten.engine.cpu.CpuStorage;

/** A CPU tensor of B windows, B x 1 x frames x bands, and the float array behind it, which the batch builders fill. */
record WindowTensor(Tensor tensor, float[] data) {
    static WindowTensor allocate(int batch, int frames, int bands) {
        Tensor t = Tensor.zeros(Device.CPU, batch, 1, frames, bands);
        float[] data = ((CpuStorage) t.storage()).data();
        if (t.offset() != 0 || data.length != t.size()) throw new IllegalStateException("window tensor: unexpected storage layout");
        return new WindowTensor(t, data);
    }
}
