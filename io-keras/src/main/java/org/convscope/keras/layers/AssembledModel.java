package org.convscope.keras.layers;

import java.util.List;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.keras.summary.SummaryRow;
import org.convscope.layers.Layer;

/**
 * A model built from its spec: the core graph, its layers by name in {@code model.layers} order,
 * and the rows of its summary.
 */
public record AssembledModel(Graph graph, Map<String, Layer> layers, List<SummaryRow> rows) {
    /** Trainable parameters over all layers. */
    public long trainableParams() { return rows.stream().mapToLong(SummaryRow::trainable).sum(); }

    /** Non-trainable parameters over all layers. */
    public long nonTrainableParams() { return rows.stream().mapToLong(SummaryRow::nonTrainable).sum(); }
}
