package io.colisten.engine;

/**
 * The float32 storage behind tensors. On the CPU a {@code float[]}; a CUDA backend will implement
 * it with a device pointer. Tensors are views (offset + shape) into a storage.
 */
public interface Storage extends Buffer {}
