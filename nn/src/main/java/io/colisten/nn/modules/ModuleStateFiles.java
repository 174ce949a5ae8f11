package io.colisten.nn.modules;

import io.colisten.engine.io.Dtype;
import io.colisten.engine.io.SafeTensors;
import io.colisten.engine.io.SafeTensorsException;
import io.colisten.engine.io.SafeTensorsReader;
import io.colisten.engine.io.TensorData;
import io.colisten.engine.io.TensorInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A network's whole state_dict to and from safetensors: float32 parameters and buffers and int64
 * counters under their PyTorch names, in state_dict order, so that
 * {@code model.load_state_dict(...)} of the same PyTorch module takes the file as it is.
 */
public final class ModuleStateFiles {
    private ModuleStateFiles() {}

    /** Every entry as tensor data (float32 copies; counters as int64 scalars), in state_dict order. */
    public static Map<String, TensorData> tensors(ModuleState state) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (StateEntry e : state.entries()) {
            out.put(e.name(), e.kind() == StateEntry.Kind.COUNTER
                    ? TensorData.i64Scalar(e.counter().get()) : TensorData.of(e.tensor()));
        }
        return out;
    }

    /** Writes the state (with {@code metadata}, may be null) atomically. */
    public static void save(Path file, ModuleState state, Map<String, String> metadata) throws IOException {
        SafeTensors.write(file, tensors(state), metadata);
    }

    /**
     * Copies every entry of {@code state} from the file. Every entry is checked first (present,
     * same shape, a float dtype for tensors, an integer one for counters): on an error, which names
     * the file and the entry, nothing has been copied. Returns the file's names that the state
     * does not hold, for the caller to judge.
     */
    public static Set<String> load(SafeTensorsReader reader, ModuleState state) throws IOException {
        for (StateEntry e : state.entries()) {
            TensorInfo info = reader.info(e.name());
            long[] want = Arrays.stream(e.shape()).asLongStream().toArray();
            boolean counter = e.kind() == StateEntry.Kind.COUNTER;
            if (!Arrays.equals(info.shape(), want) && !(counter && info.elements() == 1)) {
                throw new SafeTensorsException(reader.file(), "tensor '" + e.name() + "' has shape "
                        + Arrays.toString(info.shape()) + " but the model expects " + Arrays.toString(want));
            }
            if (info.dtype().isFloat() == counter || info.dtype() == Dtype.BOOL) {
                throw new SafeTensorsException(reader.file(), "tensor '" + e.name() + "' is " + info.dtype()
                        + ", the model expects " + e.dtype());
            }
        }
        for (StateEntry e : state.entries()) {
            if (e.kind() == StateEntry.Kind.COUNTER) {
                long v = reader.read(e.name()).longValue();
                if (v < 0) throw new SafeTensorsException(reader.file(), "counter '" + e.name() + "' is negative: " + v);
                e.counter().set(v);
            } else {
                float[] values = new float[e.tensor().size()];
                reader.readFloats(e.name(), values, 0);
                e.tensor().copyFrom(values);
            }
        }
        Set<String> extra = new LinkedHashSet<>();
        for (TensorInfo t : reader.tensors()) extra.add(t.name());
        for (StateEntry e : state.entries()) extra.remove(e.name());
        return extra;
    }

    public static Set<String> load(Path file, ModuleState state) throws IOException {
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            return load(r, state);
        }
    }
}
