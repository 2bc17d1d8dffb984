package org.convscope.bench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convscope.graph.Graph;
import org.convscope.layers.Reshape;
import org.convscope.layers.SingleInputLayer;
import org.convscope.layers.ZeroPadding2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The converter's new cases without ONNX Runtime: the constants they write, and what they refuse. */
class KerasToOnnxTest {
    @Test
    void zeroPaddingIsPadWithKerasSidesInOnnxOrder() {
        Graph g = Graph.builder("pad").input("in", -1, 8, 8, 4).then(new ZeroPadding2D("pad", 0, 1, 2, 3)).build();
        OnnxGraph o = KerasToOnnx.convert(g);
        assertEquals("Pad", o.nodes().get(0).opType());
        OnnxInitializer pads = o.initializer("pad/pads");
        assertTrue(pads.isInt64());
        // ONNX: [x1_begin (N, C, H, W)..., x1_end...]; Keras: top 0, bottom 1, left 2, right 3
        assertArrayEquals(new long[] {0, 0, 0, 2, 0, 0, 1, 3}, pads.int64());
    }

    @Test
    void squeezeExcitationReshapeNeedsNoTranspose() {
        // [N, C] -> [N, 1, 1, C]: in NCHW that is [N, C, 1, 1], the same bytes
        Graph g = Graph.builder("se").input("in", -1, 16).then(new Reshape("r", new int[] {1, 1, 16})).build();
        OnnxGraph o = KerasToOnnx.convert(g);
        assertEquals(List.of("Reshape"), o.nodes().stream().map(OnnxNode::opType).toList());
        assertArrayEquals(new long[] {0, 16, 1, 1}, o.initializer("r/shape").int64());
        // [N, H, W, C] with H, W > 1 -> [N, H·W·C]: through NHWC
        Graph flat = Graph.builder("f").input("in", -1, 2, 3, 4).then(new Reshape("r", new int[] {24})).build();
        assertEquals(List.of("Transpose", "Reshape"), KerasToOnnx.convert(flat).nodes().stream().map(OnnxNode::opType).toList());
    }

    /** A layer that calls itself Normalization but has none of the accessors the converter reads. */
    static final class Opaque extends SingleInputLayer {
        Opaque() { super("normalization"); }
        @Override public String kerasClass() { return "Normalization"; }
        @Override public int[] outputShape(int[] in) { return in.clone(); }
        @Override public Tensor forward(Tensor input) { return input; }
    }

    @Test
    void aNormalizationWithoutItsStatisticsIsRefused() {
        Graph g = Graph.builder("n").input("in", -1, 4, 4, 3).then(new Opaque()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KerasToOnnx.convert(g));
        assertTrue(e.getMessage().contains("mean()"), e.getMessage());
    }
}
