package io.colisten.engine;

/**
 * Where a tensor's storage lives: {@code cpu} (the JVM heap) or, later, {@code cuda:N}. Devices are
 * values; {@link #backend()} finds the backend that computes on one, and fails with a message that
 * names the device when none is available (never at class load).
 */
public record Device(String type, int index) {
    public static final Device CPU = new Device("cpu", 0);

    public Device {
        if (type == null || type.isEmpty()) throw new IllegalArgumentException("device: type must be named");
        if (index < 0) throw new IllegalArgumentException("device: index must be >= 0, got " + index);
    }

    /** The backend registered for this device. */
    public Backend backend() {
        return Backends.of(this);
    }

    @Override
    public String toString() {
        return type.equals("cpu") && index == 0 ? "cpu" : type + ":" + index;
    }
}
