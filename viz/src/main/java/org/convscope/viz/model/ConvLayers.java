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

    /** True for a convolution layer. */
    public static boolean isConv(Layer layer) {
        return CLASSES.contains(layer.kerasClass());
    }

    /** Names of the convolution nodes, in execution order. */
    public static List<String> names(Graph graph) {
        List<String> out = new ArrayList<>();
        for (Node n : graph.nodes()) if (isConv(n.layer())) out.add(n.name());
        return out;
    }

    /**
     * The convolution node of that name; otherwise an error that lists the model's conv layers.
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

    /** The pointwise kernel of a SeparableConv2D, or null. */
    public static Tensor pointwise(Layer layer) {
        return weight(layer, "pointwise_kernel");
    }

    /** A weight by its Keras name, accepting stored spellings like {@code "conv1/kernel:0"}. */
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

    /** True for DepthwiseConv2D and SeparableConv2D, whose drawn kernel is the depthwise one. */
    public static boolean isDepthwise(Layer layer) {
        String c = layer.kerasClass();
        return c.equals("DepthwiseConv2D") || c.equals("SeparableConv2D");
    }
}
