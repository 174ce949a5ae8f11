package io.colisten.train.eval.probe;

import io.colisten.train.eval.ProbeClassifier;
import io.colisten.train.eval.ProbeResult;
import io.colisten.train.eval.ProbeSpec;
import io.colisten.train.eval.ProbeSplit;
import io.colisten.train.eval.ProbeTrainer;
import io.colisten.train.progress.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the downstream probes of paper 4.4 on fixed embeddings: for every task, every embedding
 * (the models and the baselines) and both classifiers (logistic regression and the one-hidden-layer
 * MLP), trained on the full training rows and on the first {@value #SMALL_FRACTION} of them (the
 * training rows are in a seeded order), each scored by its class-balanced test ROC-AUC. The same
 * seed for every probe: two embeddings differ only in their features.
 */
public final class ProbeSuite {
    /** The paper's reduced training set. */
    public static final double SMALL_FRACTION = 0.1;

    private ProbeSuite() {}

    /**
     * @param features per embedding name, each task recording's feature row (all of the same length)
     */
    public static List<ProbeOutcome> run(List<ProbeTask> tasks, Map<String, Map<String, float[]>> features,
                                         List<ProbeClassifier> classifiers, int hidden, int maxEpochs, long seed, Progress progress) {
        List<ProbeOutcome> out = new ArrayList<>();
        int total = tasks.size() * features.size() * classifiers.size() * 2;
        progress.begin("probes", total, 0);
        for (ProbeTask task : tasks) {
            for (Map.Entry<String, Map<String, float[]>> e : features.entrySet()) {
                float[][] x = rows(task, e.getKey(), e.getValue());
                for (ProbeClassifier c : classifiers) {
                    ProbeSpec base = ProbeSpec.defaults(c, seed);
                    ProbeSpec spec = new ProbeSpec(c, hidden, base.learningRate(), base.batchSize(), maxEpochs,
                            Math.min(base.patience(), maxEpochs), base.weightDecay(), seed);
                    for (boolean small : new boolean[] {false, true}) {
                        ProbeSplit split = small ? task.split().withTrainingFraction(SMALL_FRACTION) : task.split();
                        long t0 = System.nanoTime();
                        ProbeResult r = ProbeTrainer.train(x, task.labels(), split, spec);
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        out.add(new ProbeOutcome(task.name(), e.getKey(), c.word(), small ? "10%" : "full", r.testRocAuc(),
                                r.test() == null ? 0 : r.test().columnsUsed(), r.trainRows(), split.test().length, r.bestEpoch(), seconds));
                        progress.advance(1, task.name() + " " + e.getKey() + " " + c.word());
                    }
                }
            }
        }
        return out;
    }

    private static float[][] rows(ProbeTask task, String name, Map<String, float[]> byId) {
        float[][] x = new float[task.ids().size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = byId.get(task.ids().get(i));
            if (x[i] == null) {
                throw new IllegalArgumentException("probe " + task.name() + ": no " + name + " features for recording '"
                        + task.ids().get(i) + "'");
            }
        }
        return x;
    }
}
