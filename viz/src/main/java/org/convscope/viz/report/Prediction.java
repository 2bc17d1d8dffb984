package org.convscope.viz.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.convscope.tensor.Tensor;

/**
 * A model's final output read as class scores: one entry per value of the (single) output,
 * sorted best first, named when class names are known (and as many as the values). The scores are
 * the output's values as they are (probabilities after a softmax, logits otherwise).
 *
 * @param ranked every class, best score first (ties: lower index first); unmodifiable
 * @param named  true when the entries carry the given class names
 */
public record Prediction(List<Entry> ranked, boolean named) {
    /**
     * One class of the output.
     *
     * @param index its position in the output vector
     * @param name  its class name, or "class i" ("output" for a single value) when names are unknown
     * @param score its value in the output
     */
    public record Entry(int index, String name, float score) {}

    /**
     * Reads a model's output as class scores. An output with several rows (a batch) is read as one
     * vector of all its values.
     *
     * @param output     the model's output, {@code [1, K]} or {@code [K]}
     * @param classNames the K class names in output order; null, empty or of another length means
     *                   unnamed classes
     * @return the ranked classes
     */
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

    /**
     * {@return the entry with the highest score}
     *
     * @throws IndexOutOfBoundsException if the output had no values
     */
    public Entry top() { return ranked.get(0); }
}
