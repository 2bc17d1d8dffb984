package org.convscope.viz.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.graph.GraphBuilder;
import org.convscope.graph.Node;
import org.convscope.layers.InputLayer;

/**
 * The part of a model that one layer depends on, with an input of any height and width: filter
 * images of a fully convolutional part can then be made at a lower resolution than the model's
 * (a 128×128 ascent costs a sixteenth of a 512×512 one). Package-private helper of
 * {@link FeatureReport}.
 */
final class SubModel {
    private SubModel() {}

    /**
     * {@return the nodes {@code layer} depends on, fed by an input {@code [-1, -1, -1, C]}, or null
     * when that part cannot take another size (a layer in it fixes the size, such as Flatten, Dense
     * or a nested model with its own input)}
     *
     * @param graph a model with one image input
     * @param layer a node of it
     */
    static Graph upTo(Graph graph, String layer) {
        if (graph.inputNames().size() != 1) return null;
        List<Node> nodes = graph.nodes();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) index.put(nodes.get(i).name(), i);
        Integer target = index.get(layer);
        if (target == null) return null;
        boolean[] needed = new boolean[nodes.size()];
        needed[target] = true;
        for (int i = target; i >= 0; i--) {
            if (!needed[i]) continue;
            for (String s : nodes.get(i).inbound()) needed[index.get(s)] = true;
        }
        int[] in = graph.shapeOf(graph.inputNames().get(0));
        if (in.length != 4) return null;
        try {
            GraphBuilder b = Graph.builder(graph.name() + "/" + layer);
            for (int i = 0; i < nodes.size(); i++) {
                if (!needed[i]) continue;
                Node n = nodes.get(i);
                if (n.layer() instanceof InputLayer) b.input(n.name(), -1, -1, -1, in[3]);
                else if (n.layer() instanceof Graph) return null;
                else if (!spatial(n.layer().kerasClass())) return null;
                else b.add(n);
            }
            Graph g = b.outputs(layer).build();
            int[] s = g.shapeOf(layer);
            return s.length == 4 ? g : null;
        } catch (RuntimeException e) {
            return null;   // a layer that insists on its size: use the whole model
        }
    }

    /** Layers that work on any height and width (everything a conv stack uses, no reshaping). */
    private static boolean spatial(String kerasClass) {
        return switch (kerasClass) {
            case "Flatten", "Reshape", "Dense", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "Functional", "Sequential", "Model" -> false;
            default -> true;
        };
    }
}
