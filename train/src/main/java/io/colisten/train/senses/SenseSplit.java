package io.colisten.train.senses;

import io.colisten.nn.text.Vocabulary;
import io.colisten.train.labels.LabelMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster-prefixed labels of paper 3.3: every term of a recording becomes "CLUSTER_TERM"
 * ("17_bebop") after the cluster of that recording. A sense is kept when at least
 * {@code minCount} training recordings carry it (the classifier learns nothing useful from
 * fewer, and the paper warns that too many clusters leave too few recordings per label); the
 * occurrences of dropped senses are counted. With k = 1 the split is the identity on names
 * (terms keep their plain form), the same rule applied: the unsplit baseline, trained and
 * measured exactly as the split labels are.
 *
 * <p>Sense ids follow the vocabulary order (training count descending, then the label's UTF-8
 * bytes), so the sense vocabulary is an ordinary {@link Vocabulary} (vocab.tsv format).
 * Underscores never occur in terms (the tokeniser splits on punctuation), so the first '_' of a
 * label separates its cluster.
 *
 * @param k          clusters (1: unsplit)
 * @param vocabulary the sense labels with their training counts
 * @param cluster    each sense's cluster (0 when k = 1)
 * @param baseTerm   each sense's term id in the base vocabulary
 * @param labels     the sense labels of every recording given (train and held-out)
 * @param kept       training occurrences (recording, term) that became a kept sense
 * @param dropped    training occurrences whose sense had fewer than minCount recordings
 * @param minCount   the rule
 */
public record SenseSplit(int k, Vocabulary vocabulary, int[] cluster, int[] baseTerm, LabelMatrix labels, long kept, long dropped,
                         int minCount) {
    public static final char SEPARATOR = '_';

    /** A sense's label: "17_bebop", or the plain term when k = 1. */
    public static String label(int k, int cluster, String term) {
        return k == 1 ? term : cluster + String.valueOf(SEPARATOR) + term;
    }

    /** The term of a label ("17_bebop" -> "bebop"; a label without a cluster is its own term). */
    public static String termOf(String label) {
        int at = label.indexOf(SEPARATOR);
        return at > 0 && allDigits(label, at) ? label.substring(at + 1) : label;
    }

    /** The cluster of a label ("17_bebop" -> 17), or -1 for a plain term. */
    public static int clusterOf(String label) {
        int at = label.indexOf(SEPARATOR);
        return at > 0 && allDigits(label, at) ? Integer.parseInt(label.substring(0, at)) : -1;
    }

    private static boolean allDigits(String s, int end) {
        if (end > 9) return false;
        for (int i = 0; i < end; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    /**
     * @param base       the corpus vocabulary
     * @param labels     the corpus labels (base term ids)
     * @param recordings the recordings to label, each a row of {@code labels}
     * @param clusters   each recording's cluster in [0, k)
     * @param train      which of them count towards the senses' counts (the others are only labelled)
     * @param corpus     what the counts were taken over, for the vocabulary's header
     */
    public static SenseSplit build(Vocabulary base, LabelMatrix labels, List<String> recordings, int[] clusters, boolean[] train,
                                   int k, int minCount, String corpus) {
        if (minCount < 1) throw new IllegalArgumentException("senses: the minimum count must be >= 1, got " + minCount);
        int n = recordings.size(), v = base.size();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = labels.row(recordings.get(i));
            if (rows[i] < 0) throw new IllegalArgumentException("senses: recording '" + recordings.get(i) + "' has no row in the labels");
            if (clusters[i] < 0 || clusters[i] >= k) {
                throw new IllegalArgumentException("senses: recording '" + recordings.get(i) + "' is in cluster " + clusters[i] + ", not in [0, " + k + ")");
            }
        }
        Map<Long, int[]> count = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (!train[i]) continue;
            for (int t : labels.labels(rows[i])) count.computeIfAbsent((long) clusters[i] * v + t, key -> new int[1])[0]++;
        }
        long kept = 0, dropped = 0;
        List<Long> keys = new ArrayList<>();
        for (Map.Entry<Long, int[]> e : count.entrySet()) {
            if (e.getValue()[0] >= minCount) {
                keys.add(e.getKey());
                kept += e.getValue()[0];
            } else {
                dropped += e.getValue()[0];
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("senses: no sense of any term has " + minCount + " training recordings at k = " + k
                    + " (" + dropped + " occurrences, all dropped)");
        }
        String[] name = new String[keys.size()];
        Long[] order = keys.toArray(Long[]::new);
        Map<Long, String> names = new HashMap<>();
        for (Long key : order) names.put(key, label(k, (int) (key / v), base.term((int) (key % v))));
        Arrays.sort(order, (a, b) -> Vocabulary.ORDER.compare(new Vocabulary.Entry(names.get(a), count.get(a)[0]),
                new Vocabulary.Entry(names.get(b), count.get(b)[0])));
        long[] counts = new long[order.length];
        int[] cluster = new int[order.length], baseTerm = new int[order.length];
        Map<Long, Integer> id = new HashMap<>();
        for (int s = 0; s < order.length; s++) {
            name[s] = names.get(order[s]);
            counts[s] = count.get(order[s])[0];
            cluster[s] = (int) (order[s] / v);
            baseTerm[s] = (int) (order[s] % v);
            id.put(order[s], s);
        }
        Vocabulary senses = new Vocabulary(List.of(name), counts, name.length, corpus, base.tokenizer());
        int[] rowStart = new int[n + 1];
        int[] ids = new int[Math.toIntExact(Math.max(1, labels.nonZeros()))];
        int at = 0;
        for (int i = 0; i < n; i++) {
            int from = at;
            for (int t : labels.labels(rows[i])) {
                Integer s = id.get((long) clusters[i] * v + t);
                if (s != null) ids[at++] = s;
            }
            Arrays.sort(ids, from, at);
            rowStart[i + 1] = at;
        }
        LabelMatrix m = new LabelMatrix(recordings, rowStart, ids, senses.size());
        return new SenseSplit(k, senses, cluster, baseTerm, m, kept, dropped, minCount);
    }

    /** The sense ids of a base term, most frequent first (empty when it has none). */
    public int[] sensesOf(int baseTermId) {
        int c = 0;
        for (int b : baseTerm) if (b == baseTermId) c++;
        int[] out = new int[c];
        for (int s = 0, i = 0; s < baseTerm.length; s++) if (baseTerm[s] == baseTermId) out[i++] = s;
        return out;
    }

    /** How many base terms have at least 2 senses. */
    public int termsWithSeveralSenses() {
        Map<Integer, Integer> c = new HashMap<>();
        for (int b : baseTerm) c.merge(b, 1, Integer::sum);
        int n = 0;
        for (int x : c.values()) if (x >= 2) n++;
        return n;
    }

    static boolean[] mask(List<String> ids, Set<String> members) {
        boolean[] b = new boolean[ids.size()];
        for (int i = 0; i < b.length; i++) b[i] = members.contains(ids.get(i));
        return b;
    }
}
