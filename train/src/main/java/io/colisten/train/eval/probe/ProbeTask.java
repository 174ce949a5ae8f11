package io.colisten.train.eval.probe;

import io.colisten.engine.random.Rng;
import io.colisten.train.eval.ProbeSplit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One downstream tagging task (paper 4.4): recordings, the classes (tags) to predict, each
 * recording's multi-hot labels and the rows of each part. Classes too rare among the training rows
 * to fit a probe are dropped when the task is made ({@link #droppedClasses}).
 *
 * @param name    the task's name in reports ("family", "mtat-top50", ...)
 * @param ids     the recordings, row order
 * @param classes the classes kept, column order
 * @param labels  ids.size() rows of classes.size() flags
 * @param split   train rows in a seeded order (so the first 10% are a random 10%), validation and test rows
 * @param droppedClasses classes left out for having fewer than the minimum positives (or no negative) in training
 */
public record ProbeTask(String name, List<String> ids, List<String> classes, boolean[][] labels, ProbeSplit split,
                        List<String> droppedClasses) {

    /**
     * Makes a task of the recordings in {@code parts} (ids missing there are not in the task).
     *
     * @param tags          each recording's tags of this task (a recording absent here is negative for every class)
     * @param classes       the candidate classes, in report order
     * @param minPositives  a class needs this many positives, and one negative, among the training rows
     */
    public static ProbeTask of(String name, Map<String, ProbePart> parts, Map<String, ? extends Collection<String>> tags,
                               List<String> classes, int minPositives, long seed) {
        List<String> ids = new ArrayList<>(new TreeMap<>(parts).keySet());
        int[] trainCount = new int[classes.size()];
        int trainRows = 0;
        Map<String, Integer> column = new TreeMap<>();
        for (int c = 0; c < classes.size(); c++) column.put(classes.get(c), c);
        for (String id : ids) {
            if (parts.get(id) != ProbePart.TRAIN) continue;
            trainRows++;
            for (String t : tagsOf(tags, id)) {
                Integer c = column.get(t);
                if (c != null) trainCount[c]++;
            }
        }
        List<String> kept = new ArrayList<>(), dropped = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            if (trainCount[c] >= minPositives && trainCount[c] < trainRows) kept.add(classes.get(c));
            else dropped.add(classes.get(c));
        }
        Map<String, Integer> keptColumn = new TreeMap<>();
        for (int c = 0; c < kept.size(); c++) keptColumn.put(kept.get(c), c);
        boolean[][] labels = new boolean[ids.size()][kept.size()];
        List<Integer> train = new ArrayList<>(), validation = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            for (String t : tagsOf(tags, ids.get(i))) {
                Integer c = keptColumn.get(t);
                if (c != null) labels[i][c] = true;
            }
            switch (parts.get(ids.get(i))) {
                case TRAIN -> train.add(i);
                case VALIDATION -> validation.add(i);
                case TEST -> test.add(i);
            }
        }
        int[] trainRowsShuffled = shuffled(train, seed);
        return new ProbeTask(name, List.copyOf(ids), List.copyOf(kept), labels,
                new ProbeSplit(trainRowsShuffled, toArray(validation), toArray(test)), List.copyOf(dropped));
    }

    /** Whether the task can be run: classes kept, and rows to train, validate and test on. */
    public String unusableReason() {
        if (classes.isEmpty()) return "no class has enough training positives";
        if (split.train().length == 0) return "no training recording";
        if (split.validation().length == 0) return "no validation recording";
        if (split.test().length == 0) return "no test recording";
        return null;
    }

    private static Collection<String> tagsOf(Map<String, ? extends Collection<String>> tags, String id) {
        Collection<String> t = tags.get(id);
        return t == null ? List.of() : t;
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }

    private static int[] shuffled(List<Integer> rows, long seed) {
        int[] a = toArray(rows);
        Rng rng = new Rng(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
