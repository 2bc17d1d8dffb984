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
     * {@return the names of the convolution nodes, in execution order (a new list)}
     *
     * @param graph the model
     */
    public static List<String> names(Graph graph) {
        List<String> out = new ArrayList<>();
        for (Node n : graph.nodes()) if (isConv(n.layer())) out.add(n.name());
        return out;
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
        String list = convs.isEmpty() ? "the model has no convolution layers" : "its conv layers are: " + String.join(", ", convs);
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
