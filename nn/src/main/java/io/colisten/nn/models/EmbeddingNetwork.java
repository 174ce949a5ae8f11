package io.colisten.nn.models;

import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;
import io.colisten.engine.param.ParameterSet;
import io.colisten.nn.modules.LayerTable;
import io.colisten.nn.modules.Module;
import io.colisten.nn.modules.ModuleState;

/**
 * A network f: [n, 1, frames, bands] log-mel windows -> [n, embeddingSize] unit rows. Its state
 * carries PyTorch's state_dict names (bench/peer/models.py defines the same modules). Training
 * mode records the tape for backward when run outside NoGrad; for inference call
 * {@code train(false)} and run inside {@code NoGrad} (and a {@code StepScope} to reuse buffers).
 */
public abstract class EmbeddingNetwork extends Module {
    protected final ModelConfig config;
    protected final ModuleState state;

    protected EmbeddingNetwork(ModelConfig config, ModuleState state) {
        super("");
        this.config = config;
        this.state = state;
    }

    public ModelConfig config() { return config; }

    /** Parameters, buffers and counters in state_dict order. */
    public ModuleState state() { return state; }

    /** The float parameters and buffers (what the optimiser walks). */
    public ParameterSet parameters() { return state.parameters(); }

    /** x[n, 1, frames, bands] -> [n, embeddingSize] with unit l2 norm per row. */
    public Tensor embed(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != 1) {
            throw new IllegalArgumentException(config.name() + ": input must be [n, 1, frames, bands], got " + Shapes.str(x));
        }
        return forward(x);
    }

    /** One row per layer call on one window of the configured size, with parameters and MACs. */
    public LayerTable layerTable() {
        LayerTable t = new LayerTable();
        trace(new int[] {1, config.frames(), config.bands()}, t);
        return t;
    }

    public PaperBudget paperBudget() { return PaperBudget.of(config.name()); }
}
