package org.convscope.viz.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.convscope.tensor.Tensor;

/**
 * A model's final output read as class scores: one entry per value of the (single) output,
 * sorted best first, named when class names are known (and as many as the values).
 */
public record Prediction(List<Entry> ranked, boolean named) {
    /** One class: its index in the output, its name (or "class i"), its score. */
    public record Entry(int index, String name, float score) {}

    /** Reads {@code output} ([1, K] or [K]); {@code classNames} may be null or empty. */
    public static Prediction of(Tensor output, List<String> classNames) {
        float[] d = output.data();
        int k = output.rank() >= 1 ? output.dim(-1) : 1;
        if (d.length != k) k = d.length; // unusual shapes: read the values in order
        boolean named = classNames != null && classNames.size() == k;
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < k; i++) entries.add(new Entry(i, named ? classNames.get(i) : k == 1 ? "output" : "class " + i, d[i]));
        entries.sort(Comparator.comparingDouble((Entry e) -> -e.score()).thenComparingInt(Entry::index));
        return new Prediction(List.copyOf(entries), named);
    }

    /** The best entry. */
    public Entry top() { return ranked.get(0); }
}
