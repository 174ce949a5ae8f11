package io.colisten.nn.modules;

import io.colisten.engine.Tensor;

/**
 * One entry of a network's state_dict: a float32 parameter or buffer ({@code tensor} set), or an
 * int64 counter ({@code counter} set, shape []). Names are PyTorch's ("layer1.0.bn1.running_mean").
 */
public record StateEntry(String name, Kind kind, Tensor tensor, Counter counter) {
    public enum Kind { PARAMETER, BUFFER, COUNTER }

    /** PyTorch's dtype name: float32 or int64. */
    public String dtype() {
        return kind == Kind.COUNTER ? "int64" : "float32";
    }

    /** The shape ([] for a counter). */
    public int[] shape() {
        return kind == Kind.COUNTER ? new int[0] : tensor.shape();
    }
}
