package io.colisten.engine.ops;

import io.colisten.engine.Backend;
import io.colisten.engine.Graph;
import io.colisten.engine.IndexBuffer;
import io.colisten.engine.Node;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;
import io.colisten.engine.optim.ClassifierAdam;
import io.colisten.kernels.cpu.ChunkedSoftmaxCrossEntropy;

/**
 * The training losses of paper section 3.2, fused ops with their own backward:
 * <ul>
 * <li>the triplet hinge of eq. 1 on squared Euclidean distances, given each anchor's chosen
 *     negative (mining is a selection made beforehand, without gradient);</li>
 * <li>the softmax cross-entropy of eq. 2 with sparse l1-normalised multi-hot targets, over a
 *     vocabulary of up to millions of labels, computed a chunk of labels at a time; optionally with
 *     the classifier's Adam step fused into the backward ({@link ClassifierAdam}).</li>
 * </ul>
 * Plus the two distance helpers mining needs (not differentiable: they record nothing).
 */
public final class LossOps {
    /** Paper eq. 1's margin delta for l2-normalised embeddings (DESIGN: 0.1). */
    public static final float TRIPLET_MARGIN = 0.1f;
    /** Labels per chunk of the softmax (see ChunkedSoftmaxCrossEntropy). */
    public static final int DEFAULT_CHUNK = ChunkedSoftmaxCrossEntropy.DEFAULT_CHUNK;

    private static final int[] SCALAR = new int[0];

    private LossOps() {}

    // ---- triplet ------------------------------------------------------------------------------

    /**
     * Per triplet, [rows]: max(0, |a_i - p_i|^2 - |a_i - n_choice[i]|^2 + margin), for a, p
     * [rows, d] and a pool of negatives n [negRows, d]; choice[i] in [0, negRows). The gradient
     * reaches a, p and the chosen rows of n (a row chosen by several anchors sums their terms).
     */
    public static Tensor tripletHinge(Tensor a, Tensor p, Tensor n, int[] choice, float margin) {
        String op = "tripletHinge";
        Shapes.rank(op, "anchors", a, 2);
        Shapes.same(op, a, p);
        Shapes.rank(op, "negatives", n, 2);
        int rows = a.dim(0), cols = a.dim(1), negRows = n.dim(0);
        if (n.dim(1) != cols) {
            throw new IllegalArgumentException(op + ": negatives " + Shapes.str(n) + " do not match anchors " + Shapes.str(a));
        }
        if (choice == null || choice.length < rows) {
            throw new IllegalArgumentException(op + ": need a chosen negative for each of " + rows + " anchors, got "
                    + (choice == null ? "none" : choice.length));
        }
        for (int i = 0; i < rows; i++) {
            if (choice[i] < 0 || choice[i] >= negRows) {
                throw new IllegalArgumentException(op + ": anchor " + i + " chose negative " + choice[i] + ", outside [0, "
                        + negRows + ") for negatives " + Shapes.str(n));
            }
        }
        if (!(margin >= 0)) throw new IllegalArgumentException(op + ": margin must be >= 0, got " + margin);
        Backend be = Shapes.sameDevice(op, a, p, n);
        IndexBuffer ch = Graph.indexBuffer(be, rows);
        be.uploadIndex(ch, 0, choice, 0, rows);
        Tensor hinge = Graph.output(be, new int[] {rows});
        be.tripletForward(hinge, a, p, n, ch, rows, negRows, cols, margin);
        if (Graph.recording(a, p, n)) Graph.record(new TripletNode(a, p, n, ch, rows, negRows, cols), hinge);
        return hinge;
    }

    /** Paper eq. 1 as DESIGN fixes it: the mean over the batch of {@link #tripletHinge}. */
    public static Tensor tripletLoss(Tensor a, Tensor p, Tensor n, int[] choice, float margin) {
        return ReduceOps.mean(tripletHinge(a, p, n, choice, margin));
    }

    /** [ra, rb]: |a_i - b_j|^2 between the rows of a [ra, d] and b [rb, d]. Records nothing. */
    public static Tensor squaredDistances(Tensor a, Tensor b) {
        String op = "squaredDistances";
        Shapes.rank(op, "a", a, 2);
        Shapes.rank(op, "b", b, 2);
        if (a.dim(1) != b.dim(1)) {
            throw new IllegalArgumentException(op + ": rows of " + Shapes.str(a) + " and " + Shapes.str(b) + " differ in length");
        }
        Backend be = Shapes.sameDevice(op, a, b);
        Tensor out = Graph.output(be, new int[] {a.dim(0), b.dim(0)});
        be.squaredDistances(out, a, b, a.dim(0), b.dim(0), a.dim(1));
        return out;
    }

    /** [rows]: |a_i - b_i|^2 for a, b [rows, d]. Records nothing. */
    public static Tensor rowDistances(Tensor a, Tensor b) {
        String op = "rowDistances";
        Shapes.rank(op, "a", a, 2);
        Shapes.same(op, a, b);
        Backend be = Shapes.sameDevice(op, a, b);
        Tensor out = Graph.output(be, new int[] {a.dim(0)});
        be.rowDistances(out, a, b, a.dim(0), a.dim(1));
        return out;
    }

    // ---- softmax cross-entropy ----------------------------------------------------------------

    /**
     * Paper eq. 2, averaged over the rows that have labels: with logits z = u w^T + b (u [rows, d],
     * w [classes, d], b [classes] or null), the mean of lse_i - (1 / |L_i|) sum_{l in L_i} z_il.
     * Gradients go to whichever of u, w, b require grad (w's is a dense [classes, d]: use the
     * fused overload for a large vocabulary). Logits are held a chunk of labels at a time.
     */
    public static Tensor softmaxCrossEntropy(Tensor u, Tensor w, Tensor b, LabelTargets targets) {
        return softmaxCrossEntropy(u, w, b, targets, null, DEFAULT_CHUNK);
    }

    /**
     * The same loss; its backward gives u its gradient and applies one step of {@code update} to w
     * and b chunk by chunk, so no dense weight gradient exists (fused == null: the plain op).
     */
    public static Tensor softmaxCrossEntropy(Tensor u, Tensor w, Tensor b, LabelTargets targets, ClassifierAdam update) {
        return softmaxCrossEntropy(u, w, b, targets, update, DEFAULT_CHUNK);
    }

    /** With an explicit chunk length (labels per chunk; results depend on it only through rounding). */
    public static Tensor softmaxCrossEntropy(Tensor u, Tensor w, Tensor b, LabelTargets targets, ClassifierAdam update,
                                             int chunk) {
        String op = "softmaxCrossEntropy";
        Shapes.rank(op, "embeddings", u, 2);
        Shapes.rank(op, "weight", w, 2);
        int rows = u.dim(0), cols = u.dim(1), classes = w.dim(0);
        if (w.dim(1) != cols) {
            throw new IllegalArgumentException(op + ": embeddings " + Shapes.str(u) + " do not match weight " + Shapes.str(w));
        }
        if (b != null) Shapes.vector(op, "bias", b, classes, "weight " + Shapes.str(w));
        if (targets == null || targets.rows() != rows) {
            throw new IllegalArgumentException(op + ": need targets for " + rows + " rows, got "
                    + (targets == null ? "none" : targets.rows()));
        }
        if (targets.maxId() >= classes) {
            throw new IllegalArgumentException(op + ": label id " + targets.maxId() + " is outside the " + classes
                    + " classes of weight " + Shapes.str(w));
        }
        if (chunk < 1) throw new IllegalArgumentException(op + ": chunk must be >= 1, got " + chunk);
        if (update != null && (update.weight() != w || update.bias() != b)) {
            throw new IllegalArgumentException(op + ": the fused update was made for another weight or bias than "
                    + Shapes.str(w));
        }
        Backend be = Shapes.sameDevice(op, u, w, b);
        int nnz = targets.labelCount();
        IndexBuffer starts = Graph.indexBuffer(be, rows + 1), labels = Graph.indexBuffer(be, Math.max(1, nnz));
        be.uploadIndex(starts, 0, targets.starts(), 0, rows + 1);
        be.uploadIndex(labels, 0, targets.ids(), 0, nnz);
        Tensor loss = Graph.output(be, SCALAR), lse = Graph.output(be, new int[] {rows});
        be.softmaxXentForward(loss, lse, u, w, b, starts, labels, rows, cols, classes, chunk);
        if (Graph.gradEnabled() && (update != null || Graph.recording(u, w, b))) {
            Graph.record(new SoftmaxXentNode(u, w, b, lse, starts, labels, rows, cols, classes, chunk, update), loss);
        }
        return loss;
    }

    private static final class TripletNode extends Node {
        private final Tensor a, p, n;
        private final IndexBuffer choice;
        private final int rows, negRows, cols;

        TripletNode(Tensor a, Tensor p, Tensor n, IndexBuffer choice, int rows, int negRows, int cols) {
            this.a = a;
            this.p = p;
            this.n = n;
            this.choice = choice;
            this.rows = rows;
            this.negRows = negRows;
            this.cols = cols;
        }

        @Override public String name() { return "tripletHinge"; }

        @Override
        protected void backward(Tensor g) {
            a.backend().tripletBackward(needsGrad(a) ? gradOf(a) : null, needsGrad(p) ? gradOf(p) : null,
                    needsGrad(n) ? gradOf(n) : null, g, out(), a, p, n, choice, rows, negRows, cols);
        }
    }

    private static final class SoftmaxXentNode extends Node {
        private final Tensor u, w, b, lse;
        private final IndexBuffer starts, labels;
        private final int rows, cols, classes, chunk;
        private final ClassifierAdam update;

        SoftmaxXentNode(Tensor u, Tensor w, Tensor b, Tensor lse, IndexBuffer starts, IndexBuffer labels,
                        int rows, int cols, int classes, int chunk, ClassifierAdam update) {
            this.u = u;
            this.w = w;
            this.b = b;
            this.lse = lse;
            this.starts = starts;
            this.labels = labels;
            this.rows = rows;
            this.cols = cols;
            this.classes = classes;
            this.chunk = chunk;
            this.update = update;
        }

        @Override public String name() { return update == null ? "softmaxCrossEntropy" : "softmaxCrossEntropy+adam"; }

        @Override
        protected void backward(Tensor g) {
            Backend be = u.backend();
            Tensor dU = needsGrad(u) ? gradOf(u) : null;
            if (update == null) {
                be.softmaxXentBackward(dU, needsGrad(w) ? gradOf(w) : null, needsGrad(b) ? gradOf(b) : null, g, lse,
                        u, w, b, starts, labels, rows, cols, classes, chunk);
            } else {
                ClassifierAdam a = update;
                be.softmaxXentBackwardAdam(dU, g, lse, u, w, a.weightFirstMoment(), a.weightSecondMoment(), b,
                        a.biasFirstMoment(), a.biasSecondMoment(), starts, labels, rows, cols, classes, chunk,
                        a.lr(), a.beta1(), a.beta2(), a.eps(), a.weightDecay(), a.advance());
            }
        }
    }
}
