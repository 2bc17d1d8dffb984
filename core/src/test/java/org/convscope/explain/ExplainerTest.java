package org.convscope.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convscope.geometry.Padding;
import org.convscope.graph.Graph;
import org.convscope.layers.Conv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Explainer on hand-built graphs: grouped convolution numbers, and unknown input sizes. */
class ExplainerTest {
    @Test
    void groupedConvolution() {
        // 8 -> 6 channels in 2 groups, 3x3 stride 2 same on 9x9: out ceil(9/2) = 5, total pad (5-1)*2+3-9 = 2 -> 1/1
        Conv2D c = new Conv2D("g", Tensor.full(1f, 3, 3, 4, 6), Tensor.zeros(6), new int[] {2, 2}, Padding.SAME, new int[] {1, 1}, 2, null);
        Graph g = Graph.builder("grouped").input("in", -1, 9, 9, 8).then(c).build();
        LayerExplanation e = Explainer.explain(g).layer("g");
        assertEquals(3 * 3 * 4 * 6 + 6, e.params());
        assertEquals(new GemmShape(25, 36, 3, 2, "im2col GEMM"), e.gemm());
        assertEquals(2L * 25 * 36 * 3 * 2, e.flops());
        assertEquals(25L * 36 * 2, e.im2colFloats());
        assertEquals(1, e.window().padTop());
        assertTrue(e.details().contains("6 filters in 2 groups, each filter on 4 of the 8 input channels = 24 kernels of 3x3"), e.details().toString());
        assertEquals("2 × 25×36×3", e.gemm().text());
    }

    @Test
    void unknownInputSizeIsSaidNotGuessed() {
        Conv2D c = new Conv2D("c", Tensor.full(1f, 3, 3, 1, 2), null, new int[] {1, 1}, Padding.SAME, new int[] {1, 1}, 1, null);
        Graph g = Graph.builder("fcn").input("in", -1, -1, -1, 1).then(c).build();
        ModelExplanation m = Explainer.explain(g);
        LayerExplanation e = m.layer("c");
        assertNull(e.window());
        assertEquals(18, e.params());
        assertTrue(e.details().get(1).contains("unknown (None)"), e.details().toString());
        assertTrue(m.render().contains("c (Conv2D)"));
        // the receptive field does not depend on the (unknown) padding
        assertEquals(new ReceptiveField(3, 3, 1, 1, false), e.field());
    }
}
