package io.colisten.train.training;

import io.colisten.engine.Device;
import io.colisten.engine.Tensor;
import io.colisten.nn.models.EmbeddingNetwork;

/**
 * Batches are assembled in host memory by the streams (their float arrays are filled in place); a
 * network on another device gets each batch copied there inside the step, so the copy belongs to
 * the step's scope. On the CPU this is the identity: the CPU path is unchanged.
 */
final class DeviceInputs {
    private DeviceInputs() {}

    static Tensor on(EmbeddingNetwork network, Tensor x) {
        Device d = network.parameters().device();
        return x.device().equals(d) ? x : x.to(d);
    }
}
