package io.colisten.engine.param;

import io.colisten.engine.Device;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's named state, in registration order, with PyTorch's names ("conv1.weight",
 * "bn1.running_mean") so checkpoints map one to one. Parameters are leaves that require grad,
 * with a gradient buffer allocated once here; buffers are non-trainable state (running
 * statistics). Both live as long as the model; zeroGrad is one fill per gradient.
 */
public final class ParameterSet {
    private final Device device;
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final List<Tensor> paramList = new ArrayList<>();
    private Tensor[] paramArray = new Tensor[0];

    public ParameterSet(Device device) {
        this.device = device;
    }

    public ParameterSet() {
        this(Device.CPU);
    }

    public Device device() { return device; }

    /** A new zero-filled trainable tensor with its gradient buffer. */
    public Tensor parameter(String name, int... shape) {
        checkName(name);
        Tensor t = Tensor.zeros(device, shape).requiresGrad(true);
        t.setGrad(Tensor.zeros(device, shape));
        parameters.put(name, t);
        paramList.add(t);
        paramArray = paramList.toArray(new Tensor[0]);
        return t;
    }

    /**
     * A new zero-filled parameter without a gradient buffer, left out of {@link #list()}: for a
     * tensor too large for a dense gradient (a |V| x 128 classifier of up to a million labels)
     * whose trainer keeps its own gradient state, or that is only used for inference. It is named
     * and counted like any parameter; it does not require grad until its trainer says so.
     */
    public Tensor parameterWithoutGradient(String name, int... shape) {
        checkName(name);
        Tensor t = Tensor.zeros(device, shape);
        parameters.put(name, t);
        return t;
    }

    /** A new non-trainable tensor (running statistics), filled with {@code value}. */
    public Tensor buffer(String name, float value, int... shape) {
        checkName(name);
        Tensor t = Tensor.zeros(device, shape);
        if (value != 0f) t.backend().fill(t, value);
        buffers.put(name, t);
        return t;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("parameters: a name is required");
        if (parameters.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("parameters: '" + name + "' is already registered");
        }
    }

    /** A parameter or buffer by name. */
    public Tensor get(String name) {
        Tensor t = parameters.get(name);
        if (t == null) t = buffers.get(name);
        if (t == null) throw new IllegalArgumentException("parameters: no tensor named '" + name + "'");
        return t;
    }

    /** Trainable tensors by name, in registration order (read-only). */
    public Map<String, Tensor> parameters() { return Collections.unmodifiableMap(parameters); }

    /** Non-trainable state by name, in registration order (read-only). */
    public Map<String, Tensor> buffers() { return Collections.unmodifiableMap(buffers); }

    /** The parameters in registration order, as the optimiser walks them (do not modify). */
    public Tensor[] list() { return paramArray; }

    /** Number of trainable scalars (every parameter, with or without a gradient buffer). */
    public long count() {
        long n = 0;
        for (Tensor t : parameters.values()) n += t.size();
        return n;
    }

    /** Sets every gradient to zero: one fill per gradient buffer. */
    public void zeroGrad() {
        for (Tensor t : paramArray) t.backend().fill(t.grad(), 0f);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ParameterSet(" + count() + " parameters on " + device + ")");
        parameters.forEach((k, v) -> sb.append("\n  ").append(k).append(' ').append(Shapes.str(v)));
        buffers.forEach((k, v) -> sb.append("\n  ").append(k).append(' ').append(Shapes.str(v)).append(" (buffer)"));
        return sb.toString();
    }
}
