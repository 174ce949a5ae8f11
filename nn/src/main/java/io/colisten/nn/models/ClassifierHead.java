package io.colisten.nn.models;

import io.colisten.engine.Backend;
import io.colisten.engine.Device;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.param.ParameterSet;
import io.colisten.engine.random.Rng;
import io.colisten.nn.modules.ModuleState;

/**
 * The label classifier g, kept apart from the embedding network: logits = u W^T + b with
 * W [|V|, d] ("classifier.weight") and b [|V|] ("classifier.bias"), |V| up to a few million.
 * Nothing |V|-sized is allocated beyond W and b: logits and tag embeddings come one chunk of
 * labels at a time, from views of W. The l2-normalised rows of W are the tag embeddings.
 * (Training, with a chunked softmax, is not here; W and b carry no gradient buffer.)
 */
public final class ClassifierHead {
    public static final String WEIGHT = "classifier.weight", BIAS = "classifier.bias";
    /** Rows drawn per upload when initialising (1 MiB of floats at d = 128). */
    private static final int INIT_ROWS = 2048;

    private final int labels, dim;
    private final ModuleState state;
    private final Tensor weight, bias;

    public ClassifierHead(int labels, int dim) {
        this(labels, dim, Device.CPU);
    }

    /** A head whose weight and bias live on {@code device}. */
    public ClassifierHead(int labels, int dim, Device device) {
        if (labels <= 0 || dim <= 0 || (long) labels * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("classifier: " + labels + " labels x " + dim
                    + " dimensions is empty or larger than one array can hold");
        }
        this.labels = labels;
        this.dim = dim;
        state = new ModuleState(new ParameterSet(device));
        weight = state.parameterWithoutGradient(WEIGHT, labels, dim);
        bias = state.parameterWithoutGradient(BIAS, labels);
    }

    /** A head of {@code labels} outputs initialised from {@code seed}. */
    public static ClassifierHead create(int labels, int dim, long seed) {
        return create(labels, dim, seed, Device.CPU);
    }

    /** The same values as {@link #create(int, int, long)}, on {@code device}. */
    public static ClassifierHead create(int labels, int dim, long seed, Device device) {
        ClassifierHead h = new ClassifierHead(labels, dim, device);
        h.initialise(new Rng(seed));
        return h;
    }

    public int labels() { return labels; }

    public int dim() { return dim; }

    /** classifier.weight and classifier.bias, in that order. */
    public ModuleState state() { return state; }

    public Tensor weight() { return weight; }

    public Tensor bias() { return bias; }

    /**
     * nn.Linear's default, U(-1/sqrt(d), 1/sqrt(d)) for weight then bias, drawn in row-major order
     * (the values Init.linearDefault would draw) and uploaded a chunk of rows at a time.
     */
    public void initialise(Rng rng) {
        double bound = 1.0 / Math.sqrt(dim);
        fillUniform(weight, rng, bound);
        fillUniform(bias, rng, bound);
    }

    private static void fillUniform(Tensor t, Rng rng, double bound) {
        int chunk = INIT_ROWS * (t.rank() == 2 ? t.dim(1) : 1);
        float[] buf = new float[Math.min(chunk, t.size())];
        Backend be = t.backend();
        for (int at = 0; at < t.size(); at += buf.length) {
            int n = Math.min(buf.length, t.size() - at);
            for (int i = 0; i < n; i++) buf[i] = (float) rng.uniform(-bound, bound);
            be.upload(t.storage(), t.offset() + at, buf, 0, n);
        }
    }

    /** Rows [from, to) of W as a view (no copy). */
    public Tensor weightRows(int from, int to) {
        checkRange(from, to);
        return new Tensor(weight.backend(), weight.storage(), weight.offset() + from * dim, new int[] {to - from, dim});
    }

    private Tensor biasRange(int from, int to) {
        return new Tensor(bias.backend(), bias.storage(), bias.offset() + from, new int[] {to - from});
    }

    /** u[n, d] -> logits [n, to - from] of labels [from, to). Run under NoGrad for inference. */
    public Tensor logits(Tensor u, int from, int to) {
        if (u.rank() != 2 || u.dim(1) != dim) {
            throw new IllegalArgumentException("classifier: embeddings must be [n, " + dim + "], got " + Shapes.str(u));
        }
        return Ops.linear(u, weightRows(from, to), biasRange(from, to));
    }

    /** The tag embeddings of labels [from, to): W's rows divided by their l2 norms, [to - from, d]. */
    public Tensor tagEmbeddings(int from, int to) {
        return Ops.l2Normalize(weightRows(from, to));
    }

    /** One label's tag embedding. */
    public float[] tagEmbedding(int label) {
        return tagEmbeddings(label, label + 1).toArray();
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > labels || from >= to) {
            throw new IllegalArgumentException("classifier: label range [" + from + ", " + to + ") is not inside [0, "
                    + labels + ")");
        }
    }
}
