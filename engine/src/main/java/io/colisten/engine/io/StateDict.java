package io.colisten.engine.io;

import io.colisten.engine.Tensor;
import io.colisten.engine.param.ParameterSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ParameterSet} as safetensors tensors under its PyTorch names (parameters and buffers,
 * float32), the way {@code model.state_dict()} maps to a file. Callers add what the set does not
 * hold (batch norm's int64 num_batches_tracked) to the map from {@link #of} before writing.
 */
public final class StateDict {
    private StateDict() {}

    /** Parameters then buffers, in registration order, as F32 copies. */
    public static Map<String, TensorData> of(ParameterSet params) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        params.parameters().forEach((name, t) -> out.put(name, TensorData.of(t)));
        params.buffers().forEach((name, t) -> out.put(name, TensorData.of(t)));
        return out;
    }

    /** Writes {@link #of}{@code (params)} with {@code metadata} atomically. */
    public static void save(Path file, ParameterSet params, Map<String, String> metadata) throws IOException {
        SafeTensors.write(file, of(params), metadata);
    }

    /**
     * Copies every parameter and buffer of {@code params} from the file (any float dtype,
     * converted to float32). A tensor of the set that the file lacks, or with another shape, is an
     * error naming the file and the tensor, and then nothing has been copied. Returns the names in
     * the file that the set does not hold, for the caller to judge.
     */
    public static Set<String> load(SafeTensorsReader reader, ParameterSet params) throws IOException {
        Map<String, Tensor> all = new LinkedHashMap<>(params.parameters());
        all.putAll(params.buffers());
        for (Map.Entry<String, Tensor> e : all.entrySet()) {
            TensorInfo info = reader.info(e.getKey());
            long[] want = Arrays.stream(e.getValue().shape()).asLongStream().toArray();
            if (!Arrays.equals(info.shape(), want)) {
                throw new SafeTensorsException(reader.file(), "tensor " + SafeTensorsHeader.quote(e.getKey()) + " has shape "
                        + Arrays.toString(info.shape()) + " but the model expects " + Arrays.toString(want));
            }
            if (!info.dtype().isFloat()) {
                throw new SafeTensorsException(reader.file(), "tensor " + SafeTensorsHeader.quote(e.getKey()) + " is "
                        + info.dtype() + ", not a float dtype");
            }
        }
        for (Map.Entry<String, Tensor> e : all.entrySet()) {
            float[] values = new float[e.getValue().size()];
            reader.readFloats(e.getKey(), values, 0);
            e.getValue().copyFrom(values);
        }
        Set<String> extra = new LinkedHashSet<>();
        for (TensorInfo t : reader.tensors()) if (!all.containsKey(t.name())) extra.add(t.name());
        return extra;
    }

    /** Opens {@code file} and {@link #load(SafeTensorsReader, ParameterSet)}s it. */
    public static Set<String> load(Path file, ParameterSet params) throws IOException {
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            return load(r, params);
        }
    }
}
