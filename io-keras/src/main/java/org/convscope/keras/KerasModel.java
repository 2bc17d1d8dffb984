package org.convscope.keras;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.keras.config.KerasVersion;
import org.convscope.keras.config.ModelSpec;
import org.convscope.keras.layers.AssembledModel;
import org.convscope.keras.summary.SummaryRow;
import org.convscope.keras.summary.SummaryTable;
import org.convscope.layers.Layer;
import org.convscope.tensor.Tensor;

/**
 * A Keras model loaded from a file, ready to run.
 *
 * <pre>{@code
 * KerasModel m = KerasModel.load(Path.of("model.keras"));      // or model.h5
 * System.out.print(m.summary());
 * Tensor y = m.predict(x);                                       // x: [N, H, W, C] float32
 * Map<String, Tensor> seen = m.activations(x, "conv2d", "dense");
 * }</pre>
 *
 * Immutable and safe to use from several threads: share one loaded model and call {@link #predict}
 * and {@link #activations} concurrently; every call returns new tensors that belong to the caller.
 * Loading errors are {@link KerasLoadException}s.
 */
public final class KerasModel {
    private final Path file;
    private final ModelSpec spec;
    private final KerasVersion version;
    private final AssembledModel model;

    KerasModel(Path file, ModelSpec spec, KerasVersion version, AssembledModel model) {
        this.file = file;
        this.spec = spec;
        this.version = version;
        this.model = model;
    }

    /**
     * Loads a full model: a legacy {@code .h5}/{@code .hdf5} ({@code model.save}, Keras 2.0 to 3)
     * or a Keras 3 {@code .keras} archive.
     *
     * @throws KerasLoadException for anything that cannot be loaded, with a message naming the file
     * @param file the model file
     * @return the model, ready to run
     */
    public static KerasModel load(Path file) { return ModelLoader.loadFull(file); }

    /**
     * Loads a full model from the bytes of a file already in memory (for example bytes broadcast to
     * the workers of a cluster job, or read from a database): a legacy {@code .h5}/{@code .hdf5} or
     * a Keras 3 {@code .keras} archive, exactly as {@link #load(Path)} would load the file. Nothing
     * is written to or read from the disk. The bytes are not modified and not kept.
     *
     * @param bytes the whole file
     * @param fileName names the model in error messages and in {@link #file()} (for example
     *                 {@code "model.keras"}); it is never opened
     * @return the model, ready to run
     * @throws KerasLoadException for anything that cannot be loaded, with a message naming {@code fileName}
     */
    public static KerasModel load(byte[] bytes, String fileName) {
        java.util.Objects.requireNonNull(bytes, "bytes");
        return ModelLoader.loadFull(ModelLoader.label(fileName), bytes);
    }

    /**
     * Loads weights ({@code .weights.h5} from {@code save_weights}, or a legacy weights HDF5) into
     * the architecture of another file: a {@code .keras} archive, a legacy {@code .h5}, or a
     * {@code model.to_json()} JSON file.
     *
     * @param architecture the file holding the architecture
     * @param weights the weights file
     * @return the model, ready to run
     */
    public static KerasModel load(Path weights, Path architecture) { return ModelLoader.loadWeights(weights, architecture); }

    /**
     * The core graph (run any layers, reuse in other models).
     *
     * @return the graph (immutable)
     */
    public Graph graph() { return model.graph(); }

    /** {@return the model's name} */
    public String name() { return spec.name(); }

    /**
     * The file it was loaded from (for a model loaded from bytes, the file name it was given).
     *
     * @return the file's path
     */
    public Path file() { return file; }

    /**
     * The Keras version that wrote the file ("2.1.3", "3.15.1"; "unknown" if the file does not say).
     *
     * @return the version text
     */
    public String kerasVersion() { return version.toString(); }

    /**
     * The input shape, batch first as -1 (the first input of a multi-input model).
     *
     * @return {@code [-1, ...]}, a new array
     */
    public int[] inputShape() { return graph().shapeOf(graph().inputNames().get(0)); }

    /**
     * The output shape, batch first as -1 (the first output of a multi-output model).
     *
     * @return {@code [-1, ...]}, a new array
     */
    public int[] outputShape() { return graph().shapeOf(graph().outputNames().get(0)); }

    /**
     * Layer names in {@code model.layers} order (a Sequential model's InputLayer is not one of them).
     *
     * @return the names, a new list
     */
    public List<String> layerNames() { return new ArrayList<>(model.layers().keySet()); }

    /**
     * The layer of that name; the error for an unknown name lists the model's layers.
     *
     * @param name a layer name (or a graph node name such as {@code name:1}, or a path into a nested
     *             model such as {@code base/inner})
     * @return the layer (immutable)
     */
    public Layer layer(String name) {
        Layer l = model.layers().get(name);
        if (l == null) {
            if (graph().hasNode(name)) return graph().node(name).layer();
            if (name != null && name.contains(org.convscope.graph.LayerPath.SEPARATOR)) throw org.convscope.graph.LayerPath.missing(graph(), name);
            throw new IllegalArgumentException("model '" + name() + "' has no layer '" + name + "'; its layers are: "
                    + String.join(", ", model.layers().keySet()));
        }
        return l;
    }

    /**
     * Runs the model on a batch and returns its (single) output.
     *
     * @param input the batch {@code [N, ...]} (not modified)
     * @return the output, a new tensor
     */
    public Tensor predict(Tensor input) {
        if (graph().outputNames().size() != 1) {
            throw new IllegalArgumentException("model '" + name() + "' has " + graph().outputNames().size() + " outputs "
                    + graph().outputNames() + "; use predictAll or activations");
        }
        return graph().predict(input);
    }

    /**
     * Runs the model and returns every output by name.
     *
     * @param input the batch {@code [N, ...]} (not modified)
     * @return the outputs by output name
     */
    public Map<String, Tensor> predictAll(Tensor input) {
        return graph().activations(input, graph().outputNames());
    }

    /**
     * The outputs of the named layers (graph node names; a shared layer's later applications are
     * {@code name:1}, {@code name:2}...), computing only what they need. A layer inside a nested model
     * is named by its path, {@code base/inner} (any depth: {@code outer/mid/inner}); asking for it
     * returns its own output, never a fused one.
     *
     * @param input the batch {@code [N, ...]} (not modified)
     * @param layers one or more layer (node) names
     * @return the outputs by name, in the order asked
     */
    public Map<String, Tensor> activations(Tensor input, String... layers) {
        if (layers.length == 0) throw new IllegalArgumentException("name at least one layer; the layers are: " + String.join(", ", layerNames()));
        return graph().activations(input, Arrays.asList(layers));
    }

    /**
     * Keras's {@code model.summary()} as text.
     *
     * @return the summary table
     */
    public String summary() {
        return SummaryTable.render(name(), !spec.sequential(), rows());
    }

    /**
     * Keras's {@code model.summary(expand_nested=...)} as text. A model used as a layer (the
     * pretrained base of a transfer-learning model) is one row, like Keras; with
     * {@code expandNested} its layers follow that row, indented and marked {@code └}, at any depth.
     * Their nodes are reachable by path, {@code base/inner} (see {@link #activations}).
     *
     * @param expandNested list the layers of nested models too
     * @return the summary table
     */
    public String summary(boolean expandNested) {
        if (!expandNested) return summary();
        return SummaryTable.render(name(), !spec.sequential(), rows(), path -> {
            AssembledModel inner = model.nestedAt(path);
            return inner == null ? List.of() : inner.rows();
        });
    }

    /**
     * The summary rows of a model used as a layer, one per layer of its {@code model.layers}.
     *
     * @param path the nested model's layer name, or a path to a model inside it ({@code base/mid})
     * @return its rows
     * @throws IllegalArgumentException when no nested model has that name or path
     */
    public List<SummaryRow> nestedRows(String path) {
        AssembledModel inner = model.nestedAt(path);
        if (inner == null) {
            throw new IllegalArgumentException("model '" + name() + "' has no nested model '" + path + "'"
                    + (model.nested().isEmpty() ? "" : "; its nested models are: " + String.join(", ", new java.util.TreeSet<>(model.nested().keySet()))));
        }
        return inner.rows();
    }

    /**
     * The rows of the summary, one per layer of {@code model.layers}.
     *
     * @return the rows, one per layer
     */
    public List<SummaryRow> rows() { return model.rows(); }

    /**
     * Total parameter count (what Keras prints as "Total params").
     *
     * @return the total
     */
    public long totalParams() { return model.trainableParams() + model.nonTrainableParams(); }

    /**
     * Trainable parameter count.
     *
     * @return the count
     */
    public long trainableParams() { return model.trainableParams(); }

    /**
     * Non-trainable parameter count.
     *
     * @return the count
     */
    public long nonTrainableParams() { return model.nonTrainableParams(); }

    @Override
    public String toString() {
        return "KerasModel '" + name() + "' from " + file + " (Keras " + version + ", " + model.layers().size() + " layers, "
                + totalParams() + " params)";
    }
}
