package org.convscope.explain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.layers.InputLayer;

/**
 * Receptive fields through any graph: which cells of the model's input image a range of output
 * cells of a layer depends on.
 *
 * <p>Method: start with the output cells asked for and walk the graph backwards (reverse
 * topological order). Each layer turns the range of its output cells into the range of its input
 * cells ({@link Footprint#back}); where a node feeds several consumers (a residual branch) the
 * ranges are united, so the result is the largest region over all paths. A node after which the
 * plane is gone (Flatten, global pooling) depends on the whole input.
 */
public final class ReceptiveFields {
    private static final long[] WHOLE = new long[0];

    private ReceptiveFields() {}

    /**
     * The input region (unclipped) that output rows {@code oy0..oy1} and columns {@code ox0..ox1}
     * of {@code node} see, on the graph's first input that it depends on. A node whose output is not
     * an image (rank other than 4) sees the whole input.
     *
     * @param graph the model
     * @param node  the node's name
     * @param oy0   first output row
     * @param oy1   last output row, inclusive
     * @param ox0   first output column
     * @param ox1   last output column, inclusive
     * @return the input region, in input-image cells; may reach into the padding, or be
     *         {@link Region#wholeInput()}
     * @throws IllegalArgumentException for an unknown node (the message lists the layers), or a node
     *                                  that depends on no input of the graph
     */
    public static Region region(Graph graph, String node, long oy0, long oy1, long ox0, long ox1) {
        graph.node(node); // names the layers when unknown
        Map<String, long[]> ranges = new HashMap<>();    // node -> {top, bottom, left, right} or WHOLE
        int[] targetShape = graph.shapeOf(node);
        ranges.put(node, targetShape.length == 4 ? new long[] {oy0, oy1, ox0, ox1} : WHOLE);
        List<Node> nodes = graph.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            long[] r = ranges.get(n.name());
            if (r == null || n.layer() instanceof InputLayer) continue;
            int[] out = graph.shapeOf(n.name());
            for (String in : n.inbound()) {
                long[] back = r == WHOLE ? WHOLE : back(n, graph.shapeOf(in), out, r);
                ranges.merge(in, back, ReceptiveFields::union);
            }
        }
        for (String in : graph.inputNames()) {
            long[] r = ranges.get(in);
            if (r == null) continue;
            return r == WHOLE ? Region.wholeInput() : new Region(r[0], r[1], r[2], r[3], false);
        }
        throw new IllegalArgumentException("layer '" + node + "' does not depend on any input of model '" + graph.name() + "'");
    }

    private static long[] back(Node n, int[] inShape, int[] outShape, long[] r) {
        long[] h = Footprint.back(n.layer(), inShape, outShape, 1, r[0], r[1]);
        long[] w = Footprint.back(n.layer(), inShape, outShape, 2, r[2], r[3]);
        if (h == null || w == null) return WHOLE;
        return new long[] {h[0], h[1], w[0], w[1]};
    }

    private static long[] union(long[] a, long[] b) {
        if (a == WHOLE || b == WHOLE) return WHOLE;
        return new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.max(a[3], b[3])};
    }

    /**
     * The receptive field of every node, by name: the size of the region one output cell sees
     * (the largest over two neighbouring cells in the middle of the output, which matters only
     * for upsampling) and the jump (product of strides, the largest over the inbound paths).
     * Nodes that are not images (after a Flatten, a global pooling…) get a global field.
     *
     * @param graph the model, with known input height and width
     * @return a new mutable map from every node's name to its receptive field
     */
    public static Map<String, ReceptiveField> all(Graph graph) {
        Map<String, double[]> jumps = new HashMap<>();
        Map<String, ReceptiveField> out = new HashMap<>();
        for (Node n : graph.nodes()) {
            int[] shape = graph.shapeOf(n.name());
            double jh = 1, jw = 1;
            if (!(n.layer() instanceof InputLayer)) {
                jh = 0;
                jw = 0;
                for (String in : n.inbound()) {
                    double[] j = jumps.get(in);
                    int[] inShape = graph.shapeOf(in);
                    jh = Math.max(jh, j[0] * Footprint.jump(n.layer(), inShape, shape, 1));
                    jw = Math.max(jw, j[1] * Footprint.jump(n.layer(), inShape, shape, 2));
                }
            }
            jumps.put(n.name(), new double[] {jh, jw});
            out.put(n.name(), of(graph, n.name(), shape, jh, jw));
        }
        return out;
    }

    private static ReceptiveField of(Graph graph, String node, int[] shape, double jh, double jw) {
        if (shape.length != 4 || Double.isNaN(jh) || Double.isNaN(jw)) return new ReceptiveField(0, 0, Double.NaN, Double.NaN, true);
        long cy = Math.max(0, shape[1] / 2), cx = Math.max(0, shape[2] / 2);
        long h = 0, w = 0;
        for (int d = 0; d <= 1; d++) {
            Region r = region(graph, node, cy + d, cy + d, cx + d, cx + d);
            if (r.whole()) return new ReceptiveField(0, 0, Double.NaN, Double.NaN, true);
            h = Math.max(h, r.height());
            w = Math.max(w, r.width());
        }
        return new ReceptiveField(h, w, jh, jw, false);
    }
}
