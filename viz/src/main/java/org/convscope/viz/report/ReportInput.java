package org.convscope.viz.report;

import java.util.List;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;
import org.convscope.viz.maps.FeatureMapOptions;

/**
 * Everything a report shows.
 *
 * @param modelName    how to call the model (its file name)
 * @param graph        the model; kept {@link Graph#flattened() flattened}, so the convolutions of nested
 *                     models (a pretrained base inside a transfer-learning model) are drawn too, named
 *                     by their path {@code base/inner}
 * @param summary      the model summary text (Keras-style table)
 * @param classNames   names of the output classes, or an empty list
 * @param modelInput   the tensor fed to the model ([1,H,W,C], already normalised)
 * @param shownInput   the same image for display, in [0,1] (before the model's own normalisation)
 * @param inputNote    one line saying where the image came from and how it was prepared
 * @param maps         layout of each conv layer's feature-map grid (rows 0 = all channels)
 * @param maxMaps      at most this many feature maps per layer (when {@code maps.rows()} is 0)
 */
public record ReportInput(String modelName, Graph graph, String summary, List<String> classNames, Tensor modelInput,
                          Tensor shownInput, String inputNote, FeatureMapOptions maps, int maxMaps) {
    /**
     * Copies the class names (null becomes an empty list) and flattens the graph.
     *
     * @throws NullPointerException if {@code classNames} holds null
     */
    public ReportInput {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        graph = graph == null ? null : graph.flattened();
    }
}
