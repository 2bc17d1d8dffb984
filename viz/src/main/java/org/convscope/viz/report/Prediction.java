package org.convscope.viz.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.convscope.tensor.Tensor;

/**
 * A model's final output read as class scores: one entry per class, sorted best first, named when
 * class names are known and fit the output. The scores are the output's values as they are
 * (probabilities after a softmax, logits otherwise), except for a single output value, which is
 * read as Keras's binary classifier: one sigmoid unit giving the probability of class 1, shown as
 * two classes, class 0 with {@code 1 − p} (a value outside [0, 1] is taken as a logit and passed
 * through the sigmoid first).
 *
 * @param ranked every class, best score first (ties: lower index first); unmodifiable
 * @param named  true when the entries carry the given class names
 * @param note   a sentence for the reader about how the output was read (a binary output, names
 *               that did not fit), or null
 */
public record Prediction(List<Entry> ranked, boolean named, String note) {
    /**
     * One class of the output.
     *
     * @param index its position in the output vector (for a binary output: 1 for the unit's own
     *              class, 0 for the other)
     * @param name  its class name, or "class i" when names are unknown
     * @param score its value in the output
     */
    public record Entry(int index, String name, float score) {}

    /**
     * A prediction without a note.
     *
     * @param ranked every class, best score first
     * @param named  true when the entries carry the given class names
     */
    public Prediction(List<Entry> ranked, boolean named) {
        this(ranked, named, null);
    }

    /**
     * {@return how many classes an output of {@code values} values has: 2 for a single value (a
     * binary classifier), else the number of values}
     *
     * @param values the number of values of the output (for one image)
     */
    public static int classCount(int values) {
        return values == 1 ? 2 : values;
    }

    /**
     * Reads a model's output as class scores. An output with several rows (a batch) is read as one
     * vector of all its values.
     *
     * @param output     the model's output, {@code [1, K]} or {@code [K]}
     * @param classNames the class names in output order ({@link #classCount} of them: two for a
     *                   single sigmoid output, class 0 first); null or empty means unnamed; another
     *                   count is not used, and the note says so
     * @return the ranked classes
     */
    public static Prediction of(Tensor output, List<String> classNames) {
        float[] d = output.data();
        int k = output.rank() >= 1 ? output.dim(-1) : 1;
        if (d.length != k) k = d.length; // unusual shapes: read the values in order
        int classes = classCount(k);
        boolean given = classNames != null && !classNames.isEmpty();
        boolean named = given && classNames.size() == classes;
        String note = given && !named ? classNames.size() + " class names given for " + classes + " classes; names not used" : null;
        List<Entry> entries = new ArrayList<>();
        if (k == 1) {
            float v = d[0];
            boolean logit = v < 0 || v > 1;
            float p = logit ? (float) (1 / (1 + Math.exp(-v))) : v;
            entries.add(new Entry(0, named ? classNames.get(0) : "class 0", 1 - p));
            entries.add(new Entry(1, named ? classNames.get(1) : "class 1", p));
            String binary = "One output unit read as a binary classifier: " + (logit ? "sigmoid(" + v + ") = " + p : String.valueOf(p))
                    + " is the probability of " + (named ? "'" + classNames.get(1) + "'" : "class 1") + ", " + (named ? "'" + classNames.get(0) + "'" : "class 0")
                    + " gets the rest.";
            note = note == null ? binary : note + ". " + binary;
        } else {
            for (int i = 0; i < k; i++) entries.add(new Entry(i, named ? classNames.get(i) : "class " + i, d[i]));
        }
        entries.sort(Comparator.comparingDouble((Entry e) -> -e.score()).thenComparingInt(Entry::index));
        return new Prediction(List.copyOf(entries), named, note);
    }

    /**
     * {@return the entry with the highest score}
     *
     * @throws IndexOutOfBoundsException if the output had no values
     */
    public Entry top() { return ranked.get(0); }
}
