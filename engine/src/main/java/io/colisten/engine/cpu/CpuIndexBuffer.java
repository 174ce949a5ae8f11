package io.colisten.engine.cpu;

import io.colisten.engine.Device;
import io.colisten.engine.IndexBuffer;

/** An int[] on the JVM heap (max-pool winners). */
public final class CpuIndexBuffer implements IndexBuffer {
    private final Device device;
    final int[] data;

    CpuIndexBuffer(Device device, int length) {
        this.device = device;
        this.data = new int[length];
    }

    public int[] data() { return data; }

    @Override public Device device() { return device; }

    @Override public int length() { return data.length; }
}
