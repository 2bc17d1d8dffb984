package org.convscope.viz.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.layers.Layer;
import org.convscope.layers.Weight;
import org.convscope.tensor.Tensor;

/**
 * Finds a model's convolution layers and their kernels.
 *
 * <p>Conv2D and Conv2DTranspose keep one kernel tensor; DepthwiseConv2D and SeparableConv2D keep
 * a depthwise kernel {@code (kh, kw, cin, multiplier)} — shown with the multipliers as "filters" —
 * and SeparableConv2D adds a 1x1 pointwise kernel that mixes channels.
 */
public final class ConvLayers {
    /** The Keras classes treated as convolution layers. */
    public static final Set<String> CLASSES = Set.of("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose", "Convolution2D");

    private ConvLayers() {}

    /**
     * {@return true for a convolution layer (its Keras class is one of {@link #CLASSES})}
     *
     * @param layer any layer
     */
    public static boolean isConv(Layer layer) {
        return CLASSES.contains(layer.kerasClass());
    }

    /**
     * {@return the names of the convolution nodes, in execution order (a new list); those inside
     * nested models (a pretrained base in a transfer-learning model) by their path,
     * {@code base/inner}, at any depth}
     *
     * @param graph the model
     */
    public static List<String> names(Graph graph) {
        List<String> out = new ArrayList<>();
        for (Node n : graph.flattened().nodes()) if (isConv(n.layer())) out.add(n.name());
        return out;
    }

    /**
     * The conv layer names as one short text: the names of a nested model grouped under its path,
     * {@code Conv1, mobilenetv2_1.00_96/{block_1_expand, block_1_depthwise, ...}}.
     *
     * @param names conv layer names or paths, in order
     * @return the list as text
     */
    public static String listing(List<String> names) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < names.size()) {
            String n = names.get(i);
            int cut = n.lastIndexOf(org.convscope.graph.LayerPath.SEPARATOR);
            if (sb.length() > 0) sb.append(", ");
            if (cut < 0) {
                sb.append(n);
                i++;
                continue;
            }
            String prefix = n.substring(0, cut + 1);
            List<String> group = new ArrayList<>();
            while (i < names.size() && names.get(i).startsWith(prefix) && names.get(i).indexOf('/', prefix.length()) < 0) {
                group.add(names.get(i).substring(prefix.length()));
                i++;
            }
            sb.append(prefix).append(group.size() == 1 ? group.get(0) : "{" + String.join(", ", group) + "}");
        }
        return sb.toString();
    }

    /**
     * {@return the convolution node of that name}
     *
     * @param graph the model
     * @param name  a node name
     * @throws IllegalArgumentException if there is no such node or it is not a convolution; the
     *                                  message lists the model's convolution layers
     */
    public static Node require(Graph graph, String name) {
        List<String> convs = names(graph);
        if (graph.hasNode(name) && convs.contains(name)) return graph.node(name);
        List<String> near = org.convscope.graph.LayerPath.near(name, convs, 3);
        String list = (near.isEmpty() ? "" : "did you mean '" + String.join("' or '", near) + "'? ")
                + (convs.isEmpty() ? "the model has no convolution layers" : "its conv layers are: " + listing(convs));
        if (graph.hasNode(name)) {
            throw new IllegalArgumentException("layer '" + name + "' is a " + graph.node(name).layer().kerasClass() + ", not a convolution layer; " + list);
        }
        throw new IllegalArgumentException("model '" + graph.name() + "' has no layer '" + name + "'; " + list);
    }

    /**
     * The kernel to draw for a conv layer: {@code kernel} for Conv2D/Conv2DTranspose,
     * {@code depthwise_kernel} for DepthwiseConv2D and SeparableConv2D.
     *
     * @param layer a convolution layer
     * @return the kernel, {@code (kh, kw, cin, cout)} (Conv2DTranspose: {@code (kh, kw, cout, cin)};
     *         depthwise: {@code (kh, kw, cin, multiplier)}); the layer's own tensor, not a copy
     * @throws IllegalArgumentException if the layer has no such weight; the message lists its weights
     */
    public static Tensor kernel(Layer layer) {
        String c = layer.kerasClass();
        String want = c.equals("DepthwiseConv2D") || c.equals("SeparableConv2D") ? "depthwise_kernel" : "kernel";
        Tensor t = weight(layer, want);
        if (t == null) {
            List<String> names = new ArrayList<>();
            for (Weight w : layer.weights()) names.add(w.name());
            throw new IllegalArgumentException("layer '" + layer.name() + "' (" + c + ") has no weight '" + want + "'; its weights are " + names);
        }
        return t;
    }

    /**
     * {@return the 1x1 pointwise kernel {@code (1, 1, cin·multiplier, cout)} of a SeparableConv2D,
     * or null for other layers}
     *
     * @param layer any layer
     */
    public static Tensor pointwise(Layer layer) {
        return weight(layer, "pointwise_kernel");
    }

    /**
     * {@return a weight's value by its Keras name, or null if the layer has none of that name}
     * Stored spellings like {@code "conv1/kernel:0"} match {@code "kernel"}.
     *
     * @param layer any layer
     * @param name  the short Keras name, for example {@code "kernel"} or {@code "bias"}
     */
    public static Tensor weight(Layer layer, String name) {
        for (Weight w : layer.weights()) {
            String n = w.name();
            int slash = n.lastIndexOf('/');
            if (slash >= 0) n = n.substring(slash + 1);
            if (n.endsWith(":0")) n = n.substring(0, n.length() - 2);
            if (n.equals(name)) return w.value();
        }
        return null;
    }

    /**
     * {@return true for DepthwiseConv2D and SeparableConv2D, whose drawn kernel is the depthwise one}
     *
     * @param layer any layer
     */
    public static boolean isDepthwise(Layer layer) {
        String c = layer.kerasClass();
        return c.equals("DepthwiseConv2D") || c.equals("SeparableConv2D");
    }
}
