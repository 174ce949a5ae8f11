package io.colisten.train.split;

import java.util.Arrays;
import java.util.Map;

/**
 * Every recording's part (train, validation, evaluation), held as ids sorted (String order) with
 * a part each; immutable. Made by {@link #assign} from a {@link SplitSpec}, or read back from
 * splits.tsv ({@link SplitsFile}), where the spec is known when the file's header names it.
 */
public final class Splits {
    private static final Split[] PARTS = Split.values();
    private final String[] ids;
    private final byte[] parts;
    private final SplitSpec spec;

    private Splits(String[] sortedIds, byte[] parts, SplitSpec spec) {
        this.ids = sortedIds;
        this.parts = parts;
        this.spec = spec;
    }

    /** Each id's part by {@link SplitAssigner} (duplicates are an error). */
    public static Splits assign(String[] ids, SplitSpec spec) {
        String[] sorted = sortedDistinct(ids);
        byte[] parts = new byte[sorted.length];
        for (int i = 0; i < sorted.length; i++) parts[i] = (byte) SplitAssigner.of(sorted[i], spec).ordinal();
        return new Splits(sorted, parts, spec);
    }

    /** Parts given explicitly (a file, a test); {@code spec} may be null. */
    public static Splits of(Map<String, Split> byId, SplitSpec spec) {
        String[] sorted = byId.keySet().toArray(new String[0]);
        Arrays.sort(sorted);
        byte[] parts = new byte[sorted.length];
        for (int i = 0; i < sorted.length; i++) parts[i] = (byte) byId.get(sorted[i]).ordinal();
        return new Splits(sorted, parts, spec);
    }

    private static String[] sortedDistinct(String[] ids) {
        String[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i].equals(sorted[i - 1])) throw new IllegalArgumentException("split: id '" + sorted[i] + "' given twice");
        }
        return sorted;
    }

    /** The spec the parts were drawn with, or null when unknown (hand-made, or a file without one). */
    public SplitSpec spec() {
        return spec;
    }

    public int size() {
        return ids.length;
    }

    /** The i-th id in String order. */
    public String id(int i) {
        return ids[i];
    }

    public Split part(int i) {
        return PARTS[parts[i]];
    }

    /**
     * The part of {@code id}: the one held, else (a recording added to the corpus since) the part
     * the spec gives it, which is where {@link #assign} would have put it.
     *
     * @throws IllegalArgumentException when the id is not held and the spec is unknown
     */
    public Split of(String id) {
        int k = Arrays.binarySearch(ids, id);
        if (k >= 0) return PARTS[parts[k]];
        if (spec != null) return SplitAssigner.of(id, spec);
        throw new IllegalArgumentException("split: recording '" + id + "' has no part (not in the splits, and no spec to draw one)");
    }

    /** Recordings in {@code part}. */
    public int count(Split part) {
        int n = 0;
        for (byte p : parts) if (p == part.ordinal()) n++;
        return n;
    }
}
