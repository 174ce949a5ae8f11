package io.colisten.nn.modules;

import io.colisten.engine.Tensor;
import io.colisten.engine.param.ParameterSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's named state in PyTorch's state_dict order. Float parameters and buffers live in a
 * {@link ParameterSet} (which the optimiser walks); int64 counters live here. Modules register
 * their own parameters, then their own buffers, then build their children, so registration order
 * is the order PyTorch's {@code state_dict()} walks the same module tree.
 */
public final class ModuleState {
    private final ParameterSet params;
    private final Map<String, StateEntry> entries = new LinkedHashMap<>();

    public ModuleState(ParameterSet params) {
        this.params = params;
    }

    public ModuleState() {
        this(new ParameterSet());
    }

    /** A trainable tensor with its gradient buffer. */
    public Tensor parameter(String name, int... shape) {
        return add(new StateEntry(name, StateEntry.Kind.PARAMETER, params.parameter(name, shape), null)).tensor();
    }

    /** A parameter without a gradient buffer (see {@link ParameterSet#parameterWithoutGradient}). */
    public Tensor parameterWithoutGradient(String name, int... shape) {
        return add(new StateEntry(name, StateEntry.Kind.PARAMETER, params.parameterWithoutGradient(name, shape), null))
                .tensor();
    }

    /** Non-trainable float state (running statistics) filled with {@code value}. */
    public Tensor buffer(String name, float value, int... shape) {
        return add(new StateEntry(name, StateEntry.Kind.BUFFER, params.buffer(name, value, shape), null)).tensor();
    }

    /** An int64 counter starting at 0. */
    public Counter counter(String name) {
        if (entries.containsKey(name)) throw new IllegalArgumentException("state: '" + name + "' is already registered");
        return add(new StateEntry(name, StateEntry.Kind.COUNTER, null, new Counter())).counter();
    }

    private StateEntry add(StateEntry e) {
        if (entries.putIfAbsent(e.name(), e) != null) {
            throw new IllegalArgumentException("state: '" + e.name() + "' is already registered");
        }
        return e;
    }

    /** Every entry in state_dict order (read-only). */
    public List<StateEntry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries.values()));
    }

    /** The entry named {@code name}. */
    public StateEntry entry(String name) {
        StateEntry e = entries.get(name);
        if (e == null) throw new IllegalArgumentException("state: no entry named '" + name + "'");
        return e;
    }

    /** The float parameters and buffers, as the optimiser and the engine see them. */
    public ParameterSet parameters() { return params; }
}
