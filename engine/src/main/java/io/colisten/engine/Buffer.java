package io.colisten.engine;

/** A block of device memory: its device and its length in elements. */
public interface Buffer {
    Device device();

    int length();
}
