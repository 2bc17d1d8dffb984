package org.convscope.keras.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of {@link ReferenceCheck}: one row per compared layer in graph order (then reference
 * layers the model lacks), the worst layer, and a one-line verdict.
 *
 * @param model      the model's name (or file)
 * @param reference  the reference's name (file)
 * @param inputShape the reference input's shape
 * @param tolerance  the relative tolerance used
 * @param rows       the compared layers
 * @param unchecked  layers of the model that the reference has no values for (not compared)
 */
public record CheckReport(String model, String reference, int[] inputShape, double tolerance, List<CheckRow> rows,
                          List<String> unchecked) {
    /**
     * Copies the lists and the input shape, so that the report is immutable.
     *
     * @throws NullPointerException if a list or the input shape is null
     */
    public CheckReport {
        rows = List.copyOf(rows);
        unchecked = List.copyOf(unchecked);
        inputShape = inputShape.clone();
    }

    /** {@return true when every row is OK and there is at least one row} */
    public boolean passed() { return !rows.isEmpty() && rows.stream().allMatch(CheckRow::ok); }

    /** {@return the failed rows, in report order (an unmodifiable list)} */
    public List<CheckRow> failures() { return rows.stream().filter(r -> !r.ok()).toList(); }

    /**
     * {@return the worst row: the first row that could not be compared (missing layer, shape) or has a
     * NaN error, otherwise the one with the largest relative error; null when there are no rows}
     */
    public CheckRow worst() {
        CheckRow worst = null;
        for (CheckRow r : rows) {
            if (worst == null || score(r) > score(worst)) worst = r;
        }
        return worst;
    }

    private static double score(CheckRow r) {
        if (!r.compared() || Double.isNaN(r.relativeError())) return Double.POSITIVE_INFINITY;
        return r.relativeError();
    }

    /** {@return one line: PASS or FAIL, how many layers, and the worst (or first failed) one} */
    public String verdict() {
        CheckRow w = worst();
        String tol = String.format(Locale.ROOT, "%.0e", tolerance);
        if (passed()) {
            return String.format(Locale.ROOT, "PASS: all %d layers match the reference within %s relative (worst %s, %.2e)",
                    rows.size(), tol, w.layer(), w.relativeError());
        }
        List<CheckRow> f = failures();
        return "FAIL: " + f.size() + " of " + rows.size() + " layers differ from the reference beyond " + tol
                + " relative; first: " + f.get(0).layer() + (f.get(0).note().isEmpty() ? "" : " (" + f.get(0).note() + ")");
    }

    /**
     * {@return the report as a plain-text table: a heading, one row per layer (shape, max|err|,
     * relative error, result and note), the layers not compared, the worst layer and the verdict}
     */
    public String render() {
        String[] head = {"layer", "class", "output shape", "max|err|", "max|err|/max|ref|", "result"};
        List<String[]> cells = new ArrayList<>();
        for (CheckRow r : rows) {
            String shape = r.shape() == null ? "-" : shape(r.shape());
            if (r.shape() != null && r.referenceShape() != null && !java.util.Arrays.equals(r.shape(), r.referenceShape())) {
                shape = shape + " (reference " + shape(r.referenceShape()) + ")";
            } else if (r.shape() == null && r.referenceShape() != null) {
                shape = "- (reference " + shape(r.referenceShape()) + ")";
            }
            cells.add(new String[] {r.layer(), r.className() == null ? "?" : r.className(), shape,
                    r.compared() ? sci(r.maxAbsError()) : "-", r.compared() ? sci(r.relativeError()) : "-",
                    r.status() + (r.note().isEmpty() ? "" : "  " + r.note())});
        }
        int[] w = new int[head.length - 1];
        for (int i = 0; i < w.length; i++) w[i] = head[i].length();
        for (String[] c : cells) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], c[i].length());
        StringBuilder sb = new StringBuilder();
        sb.append("check ").append(model).append(" against ").append(reference).append(" (input ").append(shape(inputShape))
                .append(", tolerance ").append(String.format(Locale.ROOT, "%.0e", tolerance)).append(" relative)\n");
        line(sb, w, head);
        for (String[] c : cells) line(sb, w, c);
        if (!unchecked.isEmpty()) {
            sb.append("not in the reference (not compared): ").append(unchecked.size()).append(" layer(s)")
                    .append(unchecked.size() <= 6 ? ": " + String.join(", ", unchecked) : "").append('\n');
        }
        CheckRow worst = worst();
        if (worst != null) {
            sb.append("worst layer: ").append(worst.layer()).append(" (").append(worst.className()).append(")")
                    .append(worst.compared() ? ", max|err|/max|ref| = " + sci(worst.relativeError()) : ", " + worst.note()).append('\n');
        }
        sb.append(verdict()).append('\n');
        return sb.toString();
    }

    /**
     * {@return the same report as indented JSON, for scripts: model, reference, inputShape, tolerance,
     * passed, rows, worstLayer, notInReference and verdict; a NaN error is null}
     *
     * @throws IllegalStateException if Jackson cannot write the tree (not expected)
     */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("model", model);
        root.put("reference", reference);
        ArrayNode in = root.putArray("inputShape");
        for (int d : inputShape) in.add(d);
        root.put("tolerance", tolerance);
        root.put("passed", passed());
        ArrayNode arr = root.putArray("rows");
        for (CheckRow r : rows) {
            ObjectNode o = arr.addObject();
            o.put("layer", r.layer());
            o.put("class", r.className());
            putShape(o, "shape", r.shape());
            putShape(o, "referenceShape", r.referenceShape());
            putNumber(o, "maxAbsError", r.maxAbsError());
            putNumber(o, "relativeError", r.relativeError());
            o.put("result", r.status());
            o.put("note", r.note());
        }
        CheckRow w = worst();
        root.put("worstLayer", w == null ? null : w.layer());
        ArrayNode un = root.putArray("notInReference");
        unchecked.forEach(un::add);
        root.put("verdict", verdict());
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the check report as JSON", e);
        }
    }

    private static void putShape(ObjectNode o, String key, int[] shape) {
        if (shape == null) {
            o.putNull(key);
            return;
        }
        ArrayNode a = o.putArray(key);
        for (int d : shape) a.add(d);
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) o.putNull(key);
        else if (Double.isInfinite(v)) o.put(key, v > 0 ? "Infinity" : "-Infinity");
        else o.put(key, v);
    }

    static String shape(int[] s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length; i++) sb.append(i == 0 ? "" : "x").append(s[i] < 0 ? "?" : Integer.toString(s[i]));
        return sb.toString();
    }

    private static String sci(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.2e", v);
    }

    private static void line(StringBuilder sb, int[] w, String[] cells) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            boolean right = i == 3 || i == 4;
            if (i < w.length) l.append(right ? " ".repeat(w[i] - c.length()) + c : c + " ".repeat(w[i] - c.length())).append("  ");
            else l.append(c);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
