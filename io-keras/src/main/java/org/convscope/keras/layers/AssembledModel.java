package org.convscope.keras.layers;

import java.util.List;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.keras.summary.SummaryRow;
import org.convscope.layers.Layer;

/**
 * A model built from its spec: the core graph, its layers by name in {@code model.layers} order,
 * the rows of its summary, and the models used as layers (by layer name), built the same way.
 */
public record AssembledModel(Graph graph, Map<String, Layer> layers, List<SummaryRow> rows, Map<String, AssembledModel> nested) {
    /** Copies the nested map. */
    public AssembledModel {
        nested = Map.copyOf(nested);
    }

    /** A model without nested models. */
    public AssembledModel(Graph graph, Map<String, Layer> layers, List<SummaryRow> rows) {
        this(graph, layers, rows, Map.of());
    }

    /** Trainable parameters over all layers. */
    public long trainableParams() { return rows.stream().mapToLong(SummaryRow::trainable).sum(); }

    /** Non-trainable parameters over all layers. */
    public long nonTrainableParams() { return rows.stream().mapToLong(SummaryRow::nonTrainable).sum(); }

    /**
     * The model used as layer {@code path} ({@code base}, or {@code base/mid} for a model inside a
     * nested model), or null when there is none.
     */
    public AssembledModel nestedAt(String path) {
        AssembledModel m = this;
        String rest = path;
        while (m != null) {
            AssembledModel direct = m.nested.get(rest);
            if (direct != null) return direct;
            AssembledModel next = null;
            for (int cut = rest.indexOf('/'); cut > 0 && next == null; cut = rest.indexOf('/', cut + 1)) {
                next = m.nested.get(rest.substring(0, cut));
                if (next != null) rest = rest.substring(cut + 1);
            }
            m = next;
        }
        return null;
    }
}
