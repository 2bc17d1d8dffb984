package org.convscope.grad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;

/**
 * A model used as a layer inside another model: the backward pass of the inner graph, seeded at
 * its single output. The inner forward pass is run again to recover the inner activations.
 */
final class GraphLayerGradient implements LayerGradient<Graph> {
    @Override
    public List<Tensor> backward(Graph g, List<Tensor> inputs, Tensor output, Tensor outputGradient) {
        if (g.outputNames().size() != 1) {
            throw new IllegalArgumentException("nested model '" + g.name() + "' must have one output, has " + g.outputNames());
        }
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) feeds.put(g.inputNames().get(i), inputs.get(i));
        Map<String, Tensor> grads = Backprop.vjp(g, feeds, Map.of(g.outputNames().get(0), outputGradient), List.of());
        List<Tensor> out = new ArrayList<>();
        for (String in : g.inputNames()) out.add(grads.get(in));
        return out;
    }
}
