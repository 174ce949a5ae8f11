package io.colisten.train.senses;

import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.text.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Table 3: for each chosen term, one column per sense (its nearest labels in the sense classifier,
 * other senses of the same term left out) and one for the unsplit term (its nearest labels in the
 * k = 1 classifier); and, on a synthetic world, the verdict on each planted polysemous term
 * ({@link PlantedSenses} says how "separated" is decided).
 */
final class SenseTables {
    /** Terms shown when none is asked for and the corpus is not a synthetic world. */
    static final int DEFAULT_TERMS = 5;

    record Built(List<DisambiguationResult.Table> tables, List<PlantedSenses.TermVerdict> planted) {}

    private SenseTables() {}

    /** The terms of the tables: those asked for, else the planted ones, else the terms split into the most senses. */
    static List<String> terms(SenseRun best, Vocabulary base, PlantedSenses world, List<String> asked) {
        if (!asked.isEmpty()) return asked;
        List<String> out = new ArrayList<>();
        if (world != null) {
            for (PlantedSenses.Planted p : world.planted()) if (base.id(p.term()) >= 0) out.add(p.term());
            return out;
        }
        int[] senses = new int[base.size()];
        for (int b : best.split.baseTerm()) senses[b]++;
        Integer[] order = new Integer[base.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -senses[i]).thenComparingInt(i -> i));
        for (int i = 0; i < Math.min(DEFAULT_TERMS, order.length) && senses[order[i]] >= 2; i++) out.add(base.term(order[i]));
        return out;
    }

    static Built build(SenseRun best, SenseRun unsplit, Vocabulary base, PlantedSenses world, List<String> asked, int neighbours) {
        List<DisambiguationResult.Table> tables = new ArrayList<>();
        for (String term : terms(best, base, world, asked)) {
            int b = base.id(term);
            if (b < 0) continue;
            List<DisambiguationResult.Column> cols = new ArrayList<>();
            for (int s : best.split.sensesOf(b)) {
                cols.add(column(best, s, neighbours, j -> best.split.baseTerm()[j] == b, false));
            }
            int u = unsplit.split.vocabulary().id(term);
            if (u >= 0) cols.add(column(unsplit, u, neighbours, j -> false, true));
            tables.add(new DisambiguationResult.Table(term, cols));
        }
        return new Built(tables, world == null ? null : planted(best, base, world, neighbours));
    }

    /** The verdict on each planted term found in the vocabulary, for one k's sense classifier. */
    static List<PlantedSenses.TermVerdict> planted(SenseRun best, Vocabulary base, PlantedSenses world, int neighbours) {
        List<PlantedSenses.TermVerdict> planted = new ArrayList<>();
        String[] scenes = world.labelScenes(best.split.labels(), best.isTrain);
        for (PlantedSenses.Planted p : world.planted()) {
            int b = base.id(p.term());
            if (b < 0) continue;
            List<PlantedSenses.SenseVerdict> senses = new ArrayList<>();
            for (int s : best.split.sensesOf(b)) {
                // Neighbours without the term's other senses and without any planted term (ambiguous by construction).
                IntPredicate skip = j -> best.split.baseTerm()[j] == b || world.isPlanted(base.term(best.split.baseTerm()[j]));
                List<String> names = new ArrayList<>(), sceneList = new ArrayList<>();
                for (NearestLabels.Neighbour n : NearestLabels.of(best.head, s, neighbours, skip)) {
                    names.add(best.split.vocabulary().term(n.label()));
                    sceneList.add(scenes[n.label()]);
                }
                senses.add(PlantedSenses.senseScene(best.split.vocabulary().term(s), names, sceneList));
            }
            planted.add(PlantedSenses.judge(p, senses));
        }
        return planted;
    }

    private static DisambiguationResult.Column column(SenseRun r, int label, int neighbours, IntPredicate skip, boolean unsplit) {
        ClassifierHead head = r.head;
        Vocabulary v = r.split.vocabulary();
        List<DisambiguationResult.Cell> cells = new ArrayList<>();
        for (NearestLabels.Neighbour n : NearestLabels.of(head, label, neighbours, skip)) {
            cells.add(new DisambiguationResult.Cell(v.term(n.label()), n.cosine()));
        }
        return new DisambiguationResult.Column(v.term(label), v.count(label), unsplit, cells);
    }
}
