package org.convscope.viz.model;

import java.util.Locale;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.layers.InputLayer;
import org.convscope.layers.Layer;
import org.convscope.layers.Rescaling;
import org.convscope.tensor.Tensor;

/**
 * What pixel values a model expects, as far as it can be told: from its own first layers (a
 * {@code Rescaling} or {@code Normalization} right after the input, also inside a nested model
 * such as a Keras Applications base), from the bundled face_classification models, or from the
 * name of a Keras Applications network whose {@code preprocess_input} is known.
 *
 * @param preset the preprocessing that fits, as {@code --preprocess} names it ({@code none} = raw
 *               pixels 0–255, {@code tf}, {@code torch}, {@code caffe}, or {@code 01} for [0, 1]),
 *               or null when unknown
 * @param reason one sentence saying how this was found (the layer and its numbers, or the name),
 *               or null when unknown
 * @param certain true when read off the model's own layers, false for a guess from a name
 */
public record InputExpectation(String preset, String reason, boolean certain) {
    /** {@return the expectation of a model that tells nothing} */
    public static InputExpectation unknown() { return new InputExpectation(null, null, false); }

    /** {@return true when something is known} */
    public boolean known() { return preset != null; }

    /**
     * Reads a model's expectation.
     *
     * @param m the model (its file name is used for the bundled face_classification models)
     * @return the expectation, {@link #unknown()} when nothing tells
     */
    public static InputExpectation of(LoadedModel m) {
        InputExpectation own = fromLayers(m.graph(), 0);
        if (own.known()) return own;
        String file = m.name().toLowerCase(Locale.ROOT);
        if (file.startsWith("fer2013_") || file.startsWith("gender_mini_xception") || file.startsWith("imdb_") && file.contains("xception")) {
            return new InputExpectation("tf", "face_classification's models were trained on gray faces mapped to [-1, 1] ((x/255 - 0.5)·2)", true);
        }
        return fromName(m.graph(), 0);
    }

    /** The first layers after the input: Rescaling or Normalization, looking into a nested model. */
    static InputExpectation fromLayers(Graph g, int depth) {
        if (depth > 3 || g.inputNames().size() != 1) return unknown();
        String at = g.inputNames().get(0);
        for (int hops = 0; hops < 4; hops++) {
            Node next = null;
            for (Node n : g.nodes()) if (n.inbound().contains(at)) { next = n; break; }
            if (next == null) return unknown();
            Layer l = next.layer();
            if (l instanceof Rescaling r) {
                float s = r.scale()[0], o = r.offset()[0];
                String what = String.format(Locale.ROOT, "its layer '%s' (Rescaling) computes x·%s%s", next.name(), num(s),
                        o == 0 ? "" : (o < 0 ? " − " : " + ") + num(Math.abs(o)));
                if (s < 0.02f) return new InputExpectation("none", what + ", so it expects raw pixels 0–255", true);
                return new InputExpectation(null, what, true);
            }
            if (l.kerasClass().equals("Normalization")) {
                Tensor mean = ConvLayers.weight(l, "mean");
                String what = "its layer '" + next.name() + "' (Normalization) subtracts a mean and divides by a standard deviation";
                if (mean != null && mean.size() > 0) {
                    float m0 = mean.data()[0];
                    what += String.format(Locale.ROOT, " (first mean %.3g)", m0);
                    return new InputExpectation(m0 > 2 ? "none" : "01", what + (m0 > 2 ? ", so it expects raw pixels 0–255" : ", so it expects values in [0, 1]"), true);
                }
                return new InputExpectation(null, what, true);
            }
            if (l instanceof Graph inner) {
                InputExpectation e = fromLayers(inner, depth + 1);
                if (e.known()) return e;
                return fromName(inner, depth + 1);
            }
            if (!(l instanceof InputLayer) && !l.kerasClass().equals("Dropout") && !l.kerasClass().equals("RandomFlip")
                    && !l.kerasClass().equals("RandomRotation") && !l.kerasClass().equals("RandomZoom") && !l.kerasClass().equals("RandomTranslation")) {
                return unknown();
            }
            at = next.name();
        }
        return unknown();
    }

    /** Keras Applications' conventions, by the network's name (the model's or a nested base's). */
    static InputExpectation fromName(Graph g, int depth) {
        String n = g.name().toLowerCase(Locale.ROOT);
        String preset = null;
        if (n.startsWith("mobilenetv2") || n.startsWith("mobilenet_") || n.startsWith("mobilenet") && !n.startsWith("mobilenetv3")
                || n.startsWith("xception") || n.startsWith("inception") || n.startsWith("resnet50v2") || n.startsWith("resnet101v2")
                || n.startsWith("resnet152v2") || n.startsWith("nasnet")) preset = "tf";
        else if (n.startsWith("vgg16") || n.startsWith("vgg19") || n.equals("resnet50") || n.startsWith("resnet101") || n.startsWith("resnet152")) preset = "caffe";
        else if (n.startsWith("densenet")) preset = "torch";
        if (preset != null) {
            return new InputExpectation(preset, "its network '" + g.name() + "' is named like Keras Applications' model, whose preprocess_input mode is '"
                    + preset + "'", false);
        }
        if (depth < 3) {
            for (Node node : g.nodes()) {
                if (node.layer() instanceof Graph inner) {
                    InputExpectation e = fromName(inner, depth + 1);
                    if (e.known()) return e;
                }
            }
        }
        return unknown();
    }

    private static String num(float v) {
        return v == Math.rint(v) ? String.valueOf((int) v) : String.format(Locale.ROOT, "%.6g", v);
    }
}
