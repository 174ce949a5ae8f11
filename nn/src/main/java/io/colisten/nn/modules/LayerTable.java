package io.colisten.nn.modules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One row per leaf layer call in forward order, for one sample: the layer's name, its output shape
 * (no batch dimension), its own parameters and its multiply-accumulates. Only convolutions and
 * linear layers count MACs (batch norm, ReLU, pooling and normalisation are cheap by comparison and
 * are not multiplies of weights), which is the convention of the paper's figures.
 */
public final class LayerTable {
    public record Row(String name, int[] shape, long parameters, long macs) {}

    private final List<Row> rows = new ArrayList<>();

    public void add(String name, int[] shape, long parameters, long macs) {
        rows.add(new Row(name, shape.clone(), parameters, macs));
    }

    public List<Row> rows() { return Collections.unmodifiableList(rows); }

    /** Parameters over all rows; a layer called twice (a shared ReLU) has none, so nothing counts twice. */
    public long parameters() {
        long n = 0;
        for (Row r : rows) n += r.parameters;
        return n;
    }

    public long macs() {
        long n = 0;
        for (Row r : rows) n += r.macs;
        return n;
    }

    /** "32x150x64". */
    public static String shape(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : "x").append(shape[i]);
        return sb.toString();
    }

    /** A fixed-width text table with a totals line. */
    public String format() {
        int w = "layer".length();
        for (Row r : rows) w = Math.max(w, r.name.length());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-14s %12s %15s%n", "layer", "output", "parameters", "MACs"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-14s %,12d %,15d%n", r.name, shape(r.shape),
                    r.parameters, r.macs));
        }
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-14s %,12d %,15d%n", "total", "", parameters(), macs()));
        return sb.toString();
    }
}
