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
 * @param layers       the layers that get a section (feature maps; kernels for conv layers), any
 *                     with a spatial output; null = every conv layer (every layer with a spatial
 *                     output when the model has no conv layer of its own)
 * @param notes        lines for the reader about the input, such as a warning that the image's
 *                     range differs from what the model's own layers expect; may be empty
 */
public record ReportInput(String modelName, Graph graph, String summary, List<String> classNames, Tensor modelInput,
                          Tensor shownInput, String inputNote, FeatureMapOptions maps, int maxMaps, List<String> layers, List<String> notes) {
    /**
     * Copies the lists (null class names or notes become empty lists) and flattens the graph (nested models
     * inlined under their layer paths).
     *
     * @throws NullPointerException if a list holds null
     */
    public ReportInput {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        graph = graph == null ? null : graph.flattened();
        layers = layers == null ? null : List.copyOf(layers);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * A report of every conv layer, without notes.
     *
     * @param modelName  how to call the model (its file name)
     * @param graph      the model
     * @param summary    the model summary text
     * @param classNames names of the output classes, or an empty list
     * @param modelInput the tensor fed to the model
     * @param shownInput the same image for display, in [0,1]
     * @param inputNote  where the image came from and how it was prepared
     * @param maps       layout of each feature-map grid
     * @param maxMaps    at most this many feature maps per layer
     */
    public ReportInput(String modelName, Graph graph, String summary, List<String> classNames, Tensor modelInput,
                       Tensor shownInput, String inputNote, FeatureMapOptions maps, int maxMaps) {
        this(modelName, graph, summary, classNames, modelInput, shownInput, inputNote, maps, maxMaps, null, List.of());
    }
}
