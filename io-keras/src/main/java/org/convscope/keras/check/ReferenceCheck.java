package org.convscope.keras.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.keras.KerasModel;
import org.convscope.layers.InputLayer;
import org.convscope.tensor.Tensor;

/**
 * "Does convscope compute exactly what Keras computed for me?": runs a model on a reference's
 * input and compares every layer the reference has values for.
 *
 * <pre>{@code
 * CheckReport r = ReferenceCheck.run(KerasModel.load(model), ReferenceFile.read(reference), CheckOptions.defaults());
 * System.out.print(r.render());
 * assert r.passed();
 * }</pre>
 *
 * A layer passes when {@code max|model − reference| ≤ tolerance · max|reference|}. A reference layer
 * the model does not have, a shape that differs, or an input that does not fit the model gives a
 * FAIL row (with both shapes), never an exception; only bad options ({@code layers} naming
 * something the reference lacks) throw an IllegalArgumentException.
 */
public final class ReferenceCheck {
    private ReferenceCheck() {}

    /**
     * Reads the reference file and checks the model against it.
     *
     * @param model     the loaded model
     * @param reference the {@code .io.h5} reference file (see {@link ReferenceFile})
     * @param options   tolerance and layers
     * @return the report; see {@link CheckReport#passed()}
     * @throws IllegalArgumentException when the file is missing or not a reference, or as
     *                                  {@link #run(Graph, String, ReferenceData, CheckOptions)}
     * @throws org.convscope.keras.CorruptFileException when the file is not a readable HDF5 file
     */
    public static CheckReport run(KerasModel model, Path reference, CheckOptions options) {
        return run(model, ReferenceFile.read(reference), options);
    }

    /**
     * Checks a loaded model against a reference; the report names the model by its file name (or
     * its name when it was not loaded from a file).
     *
     * @param model     the loaded model
     * @param reference the input and the expected layer outputs
     * @param options   tolerance and layers
     * @return the report
     * @throws IllegalArgumentException as {@link #run(Graph, String, ReferenceData, CheckOptions)}
     */
    public static CheckReport run(KerasModel model, ReferenceData reference, CheckOptions options) {
        return run(model.graph(), model.file() == null ? model.name() : model.file().getFileName().toString(), reference, options);
    }

    /**
     * Checks a graph against a reference: runs the graph once on the reference input, asking for
     * every selected layer, and compares each output with its full or sampled reference values.
     *
     * @param graph     the model, with one input
     * @param modelName how to name the model in the report
     * @param reference the input and the expected layer outputs
     * @param options   tolerance and layers
     * @return the report: one row per selected layer in graph order, then the selected layers the
     *         model lacks; problems with the input or the model are FAIL rows, not exceptions
     * @throws IllegalArgumentException when {@code options.layers()} names a layer the reference lacks,
     *                                  or the graph has several inputs
     */
    public static CheckReport run(Graph graph, String modelName, ReferenceData reference, CheckOptions options) {
        if (graph.inputNames().size() != 1) {
            throw new IllegalArgumentException("model '" + modelName + "' has " + graph.inputNames().size()
                    + " inputs; a reference file holds one /input");
        }
        List<String> selected = select(reference, options);
        // Rows in graph order, then the reference layers the model lacks.
        List<String> present = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>(selected);
        for (Node n : graph.nodes()) {
            if (wanted.contains(n.name())) present.add(n.name());
            else if (!(n.layer() instanceof InputLayer) && options.layers().isEmpty()) unchecked.add(n.name());
        }
        List<String> missing = new ArrayList<>();
        for (String s : selected) if (!graph.hasNode(s)) missing.add(s);

        List<CheckRow> rows = new ArrayList<>();
        String inputName = graph.inputNames().get(0);
        int[] modelIn = graph.shapeOf(inputName);
        int[] refIn = reference.input().shape();
        String notRun = null;
        if (!fits(modelIn, refIn)) {
            rows.add(new CheckRow(inputName, "InputLayer", modelIn, refIn, Double.NaN, Double.NaN, false,
                    "the reference input " + CheckReport.shape(refIn) + " does not fit the model input " + CheckReport.shape(modelIn)));
            notRun = "not run: the input does not fit the model";
        }
        Map<String, Tensor> outputs = Map.of();
        if (notRun == null && !present.isEmpty()) {
            try {
                outputs = graph.activations(reference.input(), present);
            } catch (RuntimeException e) {
                rows.add(new CheckRow(inputName, "InputLayer", modelIn, refIn, Double.NaN, Double.NaN, false,
                        "the model failed on the reference input: " + e.getMessage()));
                notRun = "not run: the model failed";
            }
        }
        for (String name : present) {
            ReferenceLayer ref = reference.layers().get(name);
            String cls = graph.node(name).layer().kerasClass();
            if (notRun != null) {
                rows.add(new CheckRow(name, cls, null, ref.shape(), Double.NaN, Double.NaN, false, notRun));
            } else {
                rows.add(compare(name, cls, outputs.get(name), ref, options.tolerance()));
            }
        }
        for (String name : missing) {
            ReferenceLayer ref = reference.layers().get(name);
            rows.add(new CheckRow(name, ref.className(), null, ref.shape(), Double.NaN, Double.NaN, false,
                    "the model has no layer '" + name + "'"));
        }
        return new CheckReport(modelName, reference.source(), refIn, options.tolerance(), rows, unchecked);
    }

    private static List<String> select(ReferenceData reference, CheckOptions options) {
        if (options.layers().isEmpty()) return reference.layerNames();
        for (String l : options.layers()) {
            if (!reference.layers().containsKey(l)) {
                throw new IllegalArgumentException("--layers: the reference " + reference.source() + " has no layer '" + l
                        + "'; it has: " + String.join(", ", reference.layerNames()));
            }
        }
        return options.layers();
    }

    /** Same rank and every known dimension after the batch equal. */
    private static boolean fits(int[] model, int[] ref) {
        if (model.length != ref.length) return false;
        for (int i = 1; i < model.length; i++) if (model[i] >= 0 && model[i] != ref[i]) return false;
        return true;
    }

    /** Compares one layer's output with its reference. */
    static CheckRow compare(String name, String cls, Tensor got, ReferenceLayer ref, double tolerance) {
        int[] shape = got.shape();
        if (!Arrays.equals(shape, ref.shape())) {
            return new CheckRow(name, cls, shape, ref.shape(), Double.NaN, Double.NaN, false, "the shapes differ");
        }
        float[] g = got.data();
        double maxErr = 0;
        if (ref.isSampled()) {
            long[] idx = ref.indices();
            float[] v = ref.values();
            for (int i = 0; i < idx.length; i++) maxErr = worse(maxErr, (double) g[(int) idx[i]] - v[i]);
        } else {
            float[] r = ref.full().data();
            for (int i = 0; i < r.length; i++) maxErr = worse(maxErr, (double) g[i] - r[i]);
        }
        double rel = ref.maxAbs() == 0 ? maxErr : maxErr / ref.maxAbs();
        boolean ok = rel <= tolerance;      // false for NaN
        String note = ref.isSampled() ? "compared at " + ref.indices().length + " sampled positions" : "";
        return new CheckRow(name, cls, shape, ref.shape(), maxErr, rel, ok, note);
    }

    /** The larger error; a NaN (in the model's or the reference's value) counts as infinitely bad. */
    private static double worse(double max, double diff) {
        double e = Math.abs(diff);
        if (Double.isNaN(e)) return Double.POSITIVE_INFINITY;
        return Math.max(max, e);
    }
}
