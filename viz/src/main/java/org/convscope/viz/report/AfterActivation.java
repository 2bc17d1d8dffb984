package org.convscope.viz.report;

import java.util.ArrayList;
import java.util.List;
import org.convscope.activation.Activation;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Conv2DTranspose;
import org.convscope.layers.Dense;
import org.convscope.layers.DepthwiseConv2D;
import org.convscope.layers.Layer;
import org.convscope.layers.SeparableConv2D;

/**
 * Where a layer's output is read for its statistics: after the BatchNormalization and activation
 * it feeds, the values the next layer really sees. {@code conv → BatchNormalization → ReLU} is
 * measured after the ReLU; a conv with its own {@code relu} at its own output; a linear layer
 * feeding nothing of the kind at its own output, and then nothing switches values off.
 *
 * @param node       the node whose output holds the values (the layer itself or the last of its
 *                   chain)
 * @param chain      the nodes after the layer that were followed (empty when none)
 * @param rectifying true when a ReLU-like activation (relu, relu6, ReLU layer) switches the values
 *                   at or below 0 off
 */
record AfterActivation(String node, List<String> chain, boolean rectifying) {
    /** Follows single consumers through BatchNormalization and at most one activation. */
    static AfterActivation of(Graph g, String layer) {
        String at = layer;
        List<String> chain = new ArrayList<>();
        boolean rect = rectifies(g.node(layer).layer());
        while (!rect) {
            Node only = null;
            int consumers = 0;
            for (Node n : g.nodes()) {
                if (n.inbound().contains(at)) {
                    consumers++;
                    only = n;
                }
            }
            if (consumers != 1 || g.outputNames().contains(at)) break;
            String c = only.layer().kerasClass();
            if (c.equals("BatchNormalization") || c.equals("Dropout") || c.equals("SpatialDropout2D")) {
                at = only.name();
                chain.add(at);
                continue;
            }
            if (only.layer() instanceof ActivationLayer || c.equals("LeakyReLU") || c.equals("ELU") || c.equals("PReLU") || c.equals("ThresholdedReLU")) {
                at = only.name();
                chain.add(at);
                rect = rectifies(only.layer());
            }
            break;
        }
        return new AfterActivation(at, List.copyOf(chain), rect);
    }

    /** True for a layer whose output is a ReLU-like activation's (values &lt;= 0 are switched off). */
    static boolean rectifies(Layer l) {
        Activation a = switch (l) {
            case ActivationLayer x -> x.activation();
            case Conv2D x -> x.activation();
            case DepthwiseConv2D x -> x.activation();
            case SeparableConv2D x -> x.activation();
            case Conv2DTranspose x -> x.activation();
            case Dense x -> x.activation();
            default -> null;
        };
        if (l.kerasClass().equals("ReLU")) return true;
        if (a == null) return false;
        String n = a.name();
        return n.equals("relu") || n.equals("relu6");
    }
}
