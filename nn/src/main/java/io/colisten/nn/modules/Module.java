package io.colisten.nn.modules;

import io.colisten.engine.Tensor;
import io.colisten.engine.random.Rng;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A layer or a block of layers: a forward over tensors (recorded on the tape when grad mode is on
 * and parameters require grad; run it under {@code NoGrad} for inference), a train / eval mode
 * (batch norm), a seeded initialisation, and a trace that walks the same structure with per-sample
 * shapes only, to build layer tables with parameter and multiply-accumulate counts.
 *
 * <p>A module's name is its full dotted path in the network ("layer1.0.conv1"); a network's root is
 * named "". Containers add their children in PyTorch's registration order; the default forward and
 * trace run the children in that order.
 */
public abstract class Module {
    private final String name;
    private final List<Module> children = new ArrayList<>();
    private boolean training = true;

    protected Module(String name) {
        this.name = name;
    }

    /** The dotted path of {@code local} inside a module named {@code parent}. */
    public static String path(String parent, String local) {
        return parent.isEmpty() ? local : parent + "." + local;
    }

    /** The dotted path of a child of this module. */
    protected final String child(String local) {
        return path(name, local);
    }

    public final String name() { return name; }

    /** Registers a child (in order); returns it. */
    protected final <M extends Module> M add(M child) {
        children.add(child);
        return child;
    }

    public final List<Module> children() { return Collections.unmodifiableList(children); }

    /** Training mode (batch statistics, running averages updated) or eval mode; applies to all children. */
    public void train(boolean on) {
        training = on;
        for (Module c : children) c.train(on);
    }

    public final boolean isTraining() { return training; }

    /** x -> the module's output; the default runs the children in order. */
    public Tensor forward(Tensor x) {
        for (Module c : children) x = c.forward(x);
        return x;
    }

    /**
     * The output shape for one sample of shape {@code in} (no batch dimension), adding one row per
     * leaf layer call to {@code table} in forward order; the default runs the children in order.
     */
    public int[] trace(int[] in, LayerTable table) {
        for (Module c : children) in = c.trace(in, table);
        return in;
    }

    /** Draws this module's initial values (He normal for convolutions, PyTorch's defaults elsewhere) in registration order. */
    public void initialise(Rng rng) {
        for (Module c : children) c.initialise(rng);
    }
}
