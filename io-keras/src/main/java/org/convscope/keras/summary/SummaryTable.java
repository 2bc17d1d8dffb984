package org.convscope.keras.summary;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders Keras's {@code model.summary()} table as plain text: columns "Layer (type)",
 * "Output Shape", "Param #" and, for functional models, "Connected to"; then the Total /
 * Trainable / Non-trainable parameter counts with thousands separators and their size in float32
 * bytes, as Keras 3 prints them.
 */
public final class SummaryTable {
    private SummaryTable() {}

    /**
     * The table for a model named {@code modelName}; {@code functional} adds the "Connected to" column.
     *
     * @param functional true for a functional model (adds "Connected to")
     * @param modelName the model's name
     * @param rows one per layer
     * @return the table, as Keras prints it
     */
    public static String render(String modelName, boolean functional, List<SummaryRow> rows) {
        return render(modelName, functional, rows, path -> List.of());
    }

    /**
     * The table with nested models expanded, as Keras's {@code summary(expand_nested=True)} prints
     * it: under the row of a model used as a layer, one row per layer of that model (its
     * {@code model.layers}), the name indented by three spaces per level and marked {@code └ },
     * recursively. Inner rows have no "Connected to" (Keras prints "-": their nodes are not nodes of
     * the outer model); the totals count each top-level row once, as without expansion.
     *
     * @param modelName  the model's name
     * @param functional true for a functional model (adds "Connected to")
     * @param rows       one per layer of the outer model
     * @param nested     the rows of the model used as layer at a path ({@code base}, {@code base/mid}),
     *                   or an empty list for a layer that is not a model
     * @return the table
     */
    public static String render(String modelName, boolean functional, List<SummaryRow> rows,
                                java.util.function.Function<String, List<SummaryRow>> nested) {
        List<SummaryRow> shown = new ArrayList<>();
        List<SummaryRow> top = new ArrayList<>();
        for (SummaryRow r : rows) {
            top.add(r);
            shown.add(r);
            expand(r.name(), 1, nested, shown);
        }
        return table(modelName, functional, shown, top);
    }

    private static void expand(String path, int level, java.util.function.Function<String, List<SummaryRow>> nested, List<SummaryRow> out) {
        if (level > 32) return;
        for (SummaryRow r : nested.apply(path)) {
            out.add(new SummaryRow("   ".repeat(level) + "\u2514 " + r.name(), r.className(), r.outputShape(), r.trainable(), r.nonTrainable(), List.of()));
            expand(path + "/" + r.name(), level + 1, nested, out);
        }
    }

    private static String table(String modelName, boolean functional, List<SummaryRow> rows, List<SummaryRow> counted) {
        int[] widths = functional ? new int[] {30, 26, 12, 30} : new int[] {33, 28, 14};
        String[] head = functional
                ? new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"}
                : new String[] {"Layer (type)", "Output Shape", "Param #"};
        for (SummaryRow r : rows) { // widen columns for long names so nothing is cut
            widths[0] = Math.max(widths[0], r.name().length() + r.className().length() + 4);
            widths[1] = Math.max(widths[1], r.outputShape().length() + 2);
            if (functional) for (String c : r.connectedTo()) widths[3] = Math.max(widths[3], c.length() + 1);
        }
        int total = 0;
        for (int w : widths) total += w;
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(modelName).append("\"\n");
        sb.append("_".repeat(total)).append('\n');
        line(sb, widths, head);
        sb.append("=".repeat(total)).append('\n');
        long trainable = 0;
        long frozen = 0;
        for (SummaryRow r : counted) {
            trainable += r.trainable();
            frozen += r.nonTrainable();
        }
        for (int i = 0; i < rows.size(); i++) {
            SummaryRow r = rows.get(i);
            List<String> conn = functional ? r.connectedTo() : List.of();
            String first = conn.isEmpty() ? "-" : conn.get(0);
            List<String> cells = new ArrayList<>(List.of(r.name() + " (" + r.className() + ")", r.outputShape(), String.format(java.util.Locale.ROOT, "%,d", r.params())));
            if (functional) cells.add(first);
            line(sb, widths, cells.toArray(String[]::new));
            for (int j = 1; j < conn.size(); j++) line(sb, widths, new String[] {"", "", "", conn.get(j)});
            sb.append(i == rows.size() - 1 ? "=".repeat(total) : (functional ? "_" : " ").repeat(total).stripTrailing()).append('\n');
        }
        if (rows.isEmpty()) sb.append("=".repeat(total)).append('\n');
        sb.append("Total params: ").append(count(trainable + frozen)).append('\n');
        sb.append("Trainable params: ").append(count(trainable)).append('\n');
        sb.append("Non-trainable params: ").append(count(frozen)).append('\n');
        sb.append("_".repeat(total)).append('\n');
        return sb.toString();
    }

    /**
     * "291,405 (1.11 MB)": the count with separators and its float32 size.
     *
     * @param n a parameter count
     * @return the text
     */
    public static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d (%s)", n, bytes(n * 4));
    }

    private static String bytes(long b) {
        if (b < 1024) return b + " B";
        if (b < 1024L * 1024) return String.format(java.util.Locale.ROOT, "%.2f KB", b / 1024.0);
        if (b < 1024L * 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.2f MB", b / (1024.0 * 1024));
        return String.format(java.util.Locale.ROOT, "%.2f GB", b / (1024.0 * 1024 * 1024));
    }

    private static void line(StringBuilder sb, int[] widths, String[] cells) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = " " + cells[i];
            l.append(c);
            if (i < cells.length - 1) l.append(" ".repeat(Math.max(1, widths[i] - c.length())));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
