package org.convscope.keras.summary;

import java.util.List;

/**
 * One row of Keras's {@code model.summary()}: a layer of {@code model.layers}.
 *
 * @param outputShape Keras's printed shape, e.g. "(None, 128, 128, 32)", or "multiple" for a layer
 *                    applied at several nodes with different shapes
 * @param trainable    trainable parameter count
 * @param nonTrainable non-trainable parameter count (BatchNormalization's moving statistics, frozen layers)
 * @param connectedTo  the inbound tensors of every node, as "layer[node][tensor]"
 * @param className the layer's Keras class
 * @param name the layer's name
 */
public record SummaryRow(String name, String className, String outputShape, long trainable, long nonTrainable,
                         List<String> connectedTo) {
    /** Copies {@code connectedTo}. */
    public SummaryRow {
        connectedTo = List.copyOf(connectedTo);
    }

    /**
     * All parameters of the layer.
     *
     * @return trainable plus non-trainable
     */
    public long params() { return trainable + nonTrainable; }
}
