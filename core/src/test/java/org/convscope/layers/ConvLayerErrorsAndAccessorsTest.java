package org.convscope.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convscope.geometry.Padding;
import org.convscope.internal.conv.TestTensors;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments give messages that name the layer (and both shapes); weights and accessors follow Keras. */
class ConvLayerErrorsAndAccessorsTest {
    private static final int[] S1 = {1, 1}, D1 = {1, 1};

    private static void assertError(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) assertTrue(ex.getMessage().contains(f), "message lacks '" + f + "': " + ex.getMessage());
    }

    @Test
    void conv2dErrors() {
        assertError(() -> new Conv2D("conv1", Tensor.zeros(3, 3, 2), null, S1, Padding.VALID, D1, 1, null),
                "Conv2D 'conv1'", "kernel", "(3, 3, 2)");
        assertError(() -> new Conv2D("conv1", Tensor.zeros(3, 3, 2, 5), null, S1, Padding.VALID, D1, 2, null),
                "Conv2D 'conv1'", "groups=2");
        assertError(() -> new Conv2D("conv1", Tensor.zeros(3, 3, 2, 4), Tensor.zeros(5), S1, Padding.VALID, D1, 1, null),
                "Conv2D 'conv1'", "bias", "(5,)", "(4,)");
        assertError(() -> new Conv2D("conv1", Tensor.zeros(3, 3, 2, 4), null, new int[] {0, 1}, Padding.VALID, D1, 1, null),
                "Conv2D 'conv1'", "strides");
        assertError(() -> new Conv2D("conv1", Tensor.zeros(3, 3, 2, 4), null, S1, Padding.VALID, new int[] {1}, 1, null),
                "Conv2D 'conv1'", "dilation");

        Conv2D c = new Conv2D("conv1", Tensor.zeros(3, 3, 2, 4), null, S1, Padding.VALID, D1, 2, null);
        // wrong channel count: kernel (3,3,2,4) with 2 groups wants 4 input channels
        assertError(() -> c.forward(Tensor.zeros(1, 5, 5, 3)), "Conv2D 'conv1'", "(1, 5, 5, 3)", "4");
        assertError(() -> c.forward(Tensor.zeros(5, 5, 4)), "Conv2D 'conv1'", "rank-4");
        // empty output: a 2x5 input under a 3x3 valid kernel
        assertError(() -> c.forward(Tensor.zeros(1, 2, 5, 4)), "Conv2D 'conv1'", "empty", "height 2");
        assertError(() -> c.outputShape(new int[] {-1, 2, 5, 4}), "Conv2D 'conv1'", "empty");
    }

    @Test
    void otherLayersErrors() {
        assertError(() -> new DepthwiseConv2D("dw", Tensor.zeros(3, 3, 4, 2), Tensor.zeros(4), S1, Padding.SAME, D1, null),
                "DepthwiseConv2D 'dw'", "bias", "(4,)", "(8,)");
        DepthwiseConv2D dw = new DepthwiseConv2D("dw", Tensor.zeros(3, 3, 4, 2), null, S1, Padding.VALID, D1, null);
        assertError(() -> dw.forward(Tensor.zeros(1, 1, 8, 4)), "DepthwiseConv2D 'dw'", "empty");
        assertError(() -> dw.forward(Tensor.zeros(1, 8, 8, 3)), "DepthwiseConv2D 'dw'", "(1, 8, 8, 3)");

        assertError(() -> new SeparableConv2D("sep", Tensor.zeros(3, 3, 4, 2), Tensor.zeros(1, 1, 4, 6), null,
                S1, Padding.SAME, D1, null), "SeparableConv2D 'sep'", "pointwise_kernel", "(1, 1, 4, 6)", "(1, 1, 8, 6)");
        assertError(() -> new SeparableConv2D("sep", Tensor.zeros(3, 3, 4, 2), Tensor.zeros(1, 1, 8, 6), Tensor.zeros(8),
                S1, Padding.SAME, D1, null), "SeparableConv2D 'sep'", "bias");

        assertError(() -> new Conv2DTranspose("up", Tensor.zeros(3, 3, 4, 2), null, new int[] {2, 2}, Padding.SAME, D1,
                new int[] {2, 1}, null), "Conv2DTranspose 'up'", "output_padding");
        assertError(() -> new Conv2DTranspose("up", Tensor.zeros(3, 3, 4, 2), Tensor.zeros(2), new int[] {2, 2},
                Padding.SAME, D1, null, null), "Conv2DTranspose 'up'", "bias", "(2,)", "(4,)");
        Conv2DTranspose up = new Conv2DTranspose("up", Tensor.zeros(3, 3, 4, 2), null, new int[] {2, 2}, Padding.SAME, D1, null, null);
        assertError(() -> up.forward(Tensor.zeros(1, 3, 3, 4)), "Conv2DTranspose 'up'", "(1, 3, 3, 4)", "2");
    }

    @Test
    void weightsInKerasOrderAndAccessors() {
        Tensor k = Tensor.zeros(3, 2, 2, 6), b = Tensor.zeros(6);
        Conv2D c = new Conv2D("conv1", k, b, new int[] {2, 1}, Padding.SAME, new int[] {1, 3}, 2, TestTensors.RELU);
        List<Weight> w = c.weights();
        assertEquals(List.of("kernel", "bias"), w.stream().map(Weight::name).toList());
        assertSame(k, w.get(0).value());
        assertTrue(w.get(0).trainable());
        assertArrayEquals(new int[] {2, 1}, c.strides());
        assertArrayEquals(new int[] {1, 3}, c.dilation());
        assertEquals(Padding.SAME, c.padding());
        assertEquals(2, c.groups());
        assertSame(TestTensors.RELU, c.activation());
        assertSame(b, c.bias());
        assertEquals("Conv2D", c.kerasClass());
        // unknown batch and spatial sizes pass through; ceil(9/2) = 5 rows
        assertArrayEquals(new int[] {-1, 5, -1, 6}, c.outputShape(new int[] {-1, 9, -1, 4}));

        Conv2D noBias = new Conv2D("c2", k, null, S1, Padding.VALID, D1, 1, null);
        assertEquals(List.of("kernel"), noBias.weights().stream().map(Weight::name).toList());
        assertNull(noBias.activation());

        DepthwiseConv2D dw = new DepthwiseConv2D("dw", Tensor.zeros(3, 3, 4, 2), Tensor.zeros(8), S1, Padding.SAME, D1, null);
        assertEquals(List.of("depthwise_kernel", "bias"), dw.weights().stream().map(Weight::name).toList());
        assertArrayEquals(new int[] {1, 7, 7, 8}, dw.outputShape(new int[] {1, 7, 7, 4}));

        SeparableConv2D sep = new SeparableConv2D("sep", Tensor.zeros(3, 3, 4, 2), Tensor.zeros(1, 1, 8, 5), Tensor.zeros(5),
                new int[] {2, 2}, Padding.VALID, D1, null);
        assertEquals(List.of("depthwise_kernel", "pointwise_kernel", "bias"), sep.weights().stream().map(Weight::name).toList());
        assertArrayEquals(new int[] {1, 3, 3, 5}, sep.outputShape(new int[] {1, 7, 7, 4}));  // floor((7−3)/2)+1

        Conv2DTranspose up = new Conv2DTranspose("up", Tensor.zeros(3, 3, 5, 4), Tensor.zeros(5), new int[] {2, 2},
                Padding.VALID, D1, new int[] {1, 0}, null);
        assertEquals(List.of("kernel", "bias"), up.weights().stream().map(Weight::name).toList());
        // (7−1)·2 + 3 + op: 16 rows (op 1), 15 columns (op 0)
        assertArrayEquals(new int[] {2, 16, 15, 5}, up.outputShape(new int[] {2, 7, 7, 4}));
        assertArrayEquals(new int[] {1, 0}, up.outputPadding());
        assertEquals(5, up.filters());
    }
}
