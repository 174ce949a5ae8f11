package io.colisten.train.senses;

import io.colisten.engine.io.AtomicFiles;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.text.Vocabulary;
import io.colisten.train.eval.embed.RecordingEmbeddings;
import io.colisten.train.labels.LabelMatrix;
import io.colisten.train.training.TrainingCorpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One k of the sweep: its clusters, its split vocabulary and, once fitted or read back, the
 * classifier retrained over it.
 */
final class SenseRun {
    final SenseSplit split;
    final KMeans.Result clusters; // null for k = 1
    final List<String> ids;
    final int[] clusterOf; // per recording of ids
    final boolean[] isTrain; // per recording of ids
    final DisambiguationOptions options;
    ClassifierHead head;

    private SenseRun(SenseSplit split, KMeans.Result clusters, List<String> ids, int[] clusterOf, boolean[] isTrain,
                     DisambiguationOptions options) {
        this.isTrain = isTrain;
        this.split = split;
        this.clusters = clusters;
        this.ids = ids;
        this.clusterOf = clusterOf;
        this.options = options;
    }

    /** Clusters the used recordings' points (k > 1) and splits their labels. */
    static SenseRun ofK(int k, SenseClusters points, List<Integer> pointOf, List<String> ids, boolean[] isTrain, Vocabulary base,
                        TrainingCorpus corpus, Path corpusDir, DisambiguationOptions o) {
        int[] cluster = new int[ids.size()];
        KMeans.Result km = null;
        if (k > 1) {
            km = points.cluster(k, o.restarts(), o.iterations(), o.seed());
            for (int i = 0; i < cluster.length; i++) cluster[i] = km.assignment()[pointOf.get(i)];
        }
        SenseSplit s = SenseSplit.build(base, corpus.labels(), ids, cluster, isTrain, k, o.minCount(),
                corpusDir.toAbsolutePath().normalize() + " (train part, k=" + k + ")");
        return new SenseRun(s, km, ids, cluster, isTrain, o);
    }

    /** Trains the classifier, measures it, writes the k's folder (result.json last). */
    DisambiguationResult.SweepRow fit(RecordingEmbeddings train, RecordingEmbeddings heldOut, SenseRun unsplit, Path dir, String key,
                                      Checkpoint base, EmbeddingNetwork network, Consumer<String> notes) throws IOException {
        long t0 = System.nanoTime();
        int k = split.k();
        notes.accept(String.format(Locale.ROOT, "k = %d: %,d labels (%,d terms with several senses), %,d occurrences kept, %,d dropped"
                + " (senses under %d training recordings)", k, split.vocabulary().size(), split.termsWithSeveralSenses(), split.kept(),
                split.dropped(), split.minCount()));
        FrozenClassifier.Settings settings = new FrozenClassifier.Settings(options.steps(), options.batch(), options.lr(), options.seed() + k);
        FrozenClassifier.Outcome fit = FrozenClassifier.train(train, split.labels(), heldOut, settings,
                m -> notes.accept("k = " + k + ": " + m));
        head = fit.head();
        SenseAuc.Outcome auc = heldOut == null ? new SenseAuc.Outcome(null, 0) : SenseAuc.of(head, heldOut, split.labels(), options.minPositives());
        SenseAuc.Outcome terms = heldOut == null ? new SenseAuc.Outcome(null, 0)
                : SenseAuc.ofTerms(head, split, heldOut, unsplit == null ? split : unsplit.split, options.minPositives());
        DisambiguationResult.SweepRow row = new DisambiguationResult.SweepRow(k, clusters == null ? 0 : clusters.inertia(),
                split.vocabulary().size(), split.termsWithSeveralSenses(), split.kept(), split.dropped(), fit.trainLoss(), fit.heldOutLoss(),
                auc.auc(), auc.labels(), terms.auc(), (System.nanoTime() - t0) / 1e9);
        notes.accept(String.format(Locale.ROOT, "k = %d: train loss %.4f, held-out loss %.4f, held-out AUC %.4f over %d labels,"
                + " plain terms' AUC %.4f (%.1f s)", k, row.trainLoss(), row.heldOutLoss(), row.auc(), row.aucLabels(), row.termAuc(), row.seconds()));
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(Disambiguation.RESULT));
        if (clusters != null) writeClusters(dir.resolve(Disambiguation.CLUSTERS));
        Path vocab = dir.resolve(Disambiguation.SENSE_VOCABULARY);
        split.vocabulary().write(vocab);
        writeLabels(dir.resolve(Disambiguation.SENSE_LABELS));
        if (k > 1) writeSenses(dir.resolve(Disambiguation.SENSE_TABLE));
        // Saved at the base checkpoint's step: the embedder accepts a sense head only beside the network it was fitted on.
        Checkpoint.save(dir.resolve(Disambiguation.SENSES), network, head, base.metadata().step(), "senses", vocab, split.vocabulary());
        Disambiguation.writeResult(dir, key, row);
        return row;
    }

    private void writeClusters(Path file) throws IOException {
        AtomicFiles.writeText(file, w -> {
            w.write("# colisten-clusters\tk=" + split.k() + "\n");
            for (int i = 0; i < ids.size(); i++) {
                w.write(ids.get(i));
                w.write('\t');
                w.write(Integer.toString(clusterOf[i]));
                w.write('\n');
            }
            return ids.size();
        });
    }

    /** senses.tsv, for reading: each split term (base vocabulary order), its number of senses, and each sense with its count. */
    private void writeSenses(Path file) throws IOException {
        Vocabulary v = split.vocabulary();
        java.util.TreeMap<Integer, StringBuilder> byTerm = new java.util.TreeMap<>();
        int[] senses = new int[split.baseTerm().length == 0 ? 0 : java.util.Arrays.stream(split.baseTerm()).max().getAsInt() + 1];
        for (int s = 0; s < v.size(); s++) {
            int b = split.baseTerm()[s];
            senses[b]++;
            String label = v.term(s);
            byTerm.computeIfAbsent(b, x -> new StringBuilder(SenseSplit.termOf(label))).append('\t').append(label).append(':').append(v.count(s));
        }
        AtomicFiles.writeText(file, w -> {
            w.write("# colisten-senses\tk=" + split.k() + "\tmin_count=" + split.minCount() + "\t(term, senses, then label:training recordings)\n");
            for (var e : byTerm.entrySet()) {
                String line = e.getValue().toString();
                int tab = line.indexOf('\t');
                w.write(line.substring(0, tab) + '\t' + senses[e.getKey()] + line.substring(tab) + '\n');
            }
            return byTerm.size();
        });
    }

    private void writeLabels(Path file) throws IOException {
        Vocabulary v = split.vocabulary();
        LabelMatrix m = split.labels();
        AtomicFiles.writeText(file, w -> {
            w.write("# colisten-labels\tsize=" + v.size() + "\tvocabulary=" + v.fingerprint() + "\ttokenizer=" + v.tokenizer() + "\n");
            for (int r = 0; r < m.rows(); r++) {
                w.write(m.trackId(r));
                w.write('\t');
                int[] l = m.labels(r);
                for (int j = 0; j < l.length; j++) {
                    if (j > 0) w.write(' ');
                    w.write(Integer.toString(l[j]));
                }
                w.write('\n');
            }
            return m.rows();
        });
    }
}
