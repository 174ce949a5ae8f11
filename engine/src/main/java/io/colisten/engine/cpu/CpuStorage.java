package io.colisten.engine.cpu;

import io.colisten.engine.Device;
import io.colisten.engine.Storage;

/** Float storage on the JVM heap: the array the kernels read and write. */
public final class CpuStorage implements Storage {
    private final Device device;
    final float[] data;

    CpuStorage(Device device, int length) {
        this.device = device;
        this.data = new float[length];
    }

    /** The backing array (shared, not copied). */
    public float[] data() { return data; }

    @Override public Device device() { return device; }

    @Override public int length() { return data.length; }
}
