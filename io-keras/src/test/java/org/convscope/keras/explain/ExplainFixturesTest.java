package org.convscope.keras.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convscope.explain.*;
import org.convscope.geometry.ConvGeometry;
import org.convscope.keras.Fixtures;
import org.convscope.keras.KerasModel;
import org.junit.jupiter.api.Test;

/**
 * {@link Explainer} on the fixture models, every number worked out by hand from the layer configs
 * in PROVENANCE.md (zoo_conv: input 21x18x3; zoo_pool_norm: 26x23x8 after its ZeroPadding and conv).
 */
class ExplainFixturesTest {
    static KerasModel load(String relative) {
        return KerasModel.load(Fixtures.root().resolve(relative));
    }

    static void pads(LayerExplanation l, int top, int bottom, int left, int right) {
        ConvGeometry g = l.window();
        assertEquals(top + "/" + bottom + "/" + left + "/" + right,
                g.padTop() + "/" + g.padBottom() + "/" + g.padLeft() + "/" + g.padRight(), l.name());
    }

    static boolean says(LayerExplanation l, String text) {
        return l.details().stream().anyMatch(d -> d.contains(text));
    }

    @Test
    void zooConvEvenRectangularStridedDilated() {
        KerasModel m = load("keras3/zoo_conv.h5");
        ModelExplanation e = Explainer.explain(m.graph());
        assertEquals(m.totalParams(), e.totalParams(), "totals equal summary()");

        // k2 same on 21x18: out 21x18, total pad 1 each way -> 0 before, 1 after (TF's odd one bottom/right)
        LayerExplanation k2 = e.layer("conv_k2_same");
        pads(k2, 0, 1, 0, 1);
        assertEquals(2 * 2 * 3 * 6 + 6, k2.params());                         // 78
        assertEquals(new GemmShape(21 * 18, 2 * 2 * 3, 6, 1, "im2col GEMM"), k2.gemm());
        assertEquals(2L * 378 * 12 * 6, k2.flops());                           // 54,432
        assertEquals(378L * 12, k2.im2colFloats());
        assertTrue(says(k2, "6 filters on 3 input channels = 18 kernels of 2x2"), k2.details().toString());
        assertTrue(says(k2, "H: same: ceil(21 / 1) = 21;  W: same: ceil(18 / 1) = 18"), k2.details().toString());
        assertEquals(new ReceptiveField(2, 2, 1, 1, false), k2.field());

        // k4 s2 same: out ceil(21/2)=11 x ceil(18/2)=9; H total (11-1)*2+4-21 = 3 -> 1/2; W total 8*2+4-18 = 2 -> 1/1
        LayerExplanation k4 = e.layer("conv_k4_s2_same");
        pads(k4, 1, 2, 1, 1);
        assertEquals(4 * 4 * 3 * 6 + 6, k4.params());
        assertEquals(new GemmShape(99, 48, 6, 1, "im2col GEMM"), k4.gemm());
        assertEquals(new ReceptiveField(4, 4, 2, 2, false), k4.field());

        // k5 dilation 2 same, no bias: spans (5-1)*2+1 = 9; total pad 20+9-21 = 8 -> 4/4, 17+9-18 = 8 -> 4/4
        LayerExplanation dil = e.layer("conv_k5_d2_same_nobias");
        pads(dil, 4, 4, 4, 4);
        assertEquals(9, dil.window().dilatedKh());
        assertEquals(5 * 5 * 3 * 5, dil.params());                            // 375, no bias
        assertTrue(says(dil, "spans (k − 1)·d + 1 = 9x9 input cells"), dil.details().toString());
        assertTrue(says(dil, "+ 0 (no bias) = 375"), dil.details().toString());
        assertEquals(new ReceptiveField(9, 9, 1, 1, false), dil.field());

        // k7 valid: floor((21-7)/1)+1 = 15, floor((18-7)/1)+1 = 12
        LayerExplanation k7 = e.layer("conv_k7_valid");
        assertEquals(15, k7.outputShape()[1]);
        assertEquals(12, k7.outputShape()[2]);
        assertTrue(says(k7, "H: valid: floor((21 − 7) / 1) + 1 = 15;  W: valid: floor((18 − 7) / 1) + 1 = 12"), k7.details().toString());

        // k(3,5) s(1,2) same: 21x9; H total 20+3-21 = 2 -> 1/1; W total 8*2+5-18 = 3 -> 1/2; RF 3x5, jump 1x2
        LayerExplanation rect = e.layer("conv_k3x5_s1x2_same");
        pads(rect, 1, 1, 1, 2);
        assertEquals(new ReceptiveField(3, 5, 1, 2, false), rect.field());
        assertEquals("1x2", rect.field().jumpText());

        // k3 s3 same on 21x18: 7x6, total (7-1)*3+3-21 = 0 and (6-1)*3+3-18 = 0
        pads(e.layer("conv_k3_s3_same"), 0, 0, 0, 0);
        // 1x1 stride 1 after conv_k2_same: no im2col, RF still 2x2
        LayerExplanation k1 = e.layer("conv_k1");
        assertEquals(0, k1.im2colFloats());
        assertEquals(new GemmShape(378, 6, 7, 1, "im2col GEMM"), k1.gemm());
        assertEquals(new ReceptiveField(2, 2, 1, 1, false), k1.field());

        // depthwise k3 x2 same: params 3*3*3*2 + 6, FLOPs 2*378*9*3*2, no GEMM
        LayerExplanation dw = e.layer("depthwise_k3_m2_same");
        assertEquals(60, dw.params());
        assertEquals(2L * 378 * 9 * 3 * 2, dw.flops());
        assertNull(dw.gemm());
        // depthwise k3 s2 valid after it: floor((21-3)/2)+1 = 10; RF 3 + (3-1)*1 = 5, jump 2
        LayerExplanation dw2 = e.layer("depthwise_k3_s2_valid");
        assertEquals(10, dw2.outputShape()[1]);
        assertEquals(new ReceptiveField(5, 5, 2, 2, false), dw2.field());
        // separable k3 x2 same, 9 filters: 3*3*3*2 + 6*9 + 9 = 117; FLOPs depthwise 2*378*9*6 + pointwise 2*378*6*9
        LayerExplanation sep = e.layer("separable_k3_m2_same");
        assertEquals(117, sep.params());
        assertEquals(2L * 378 * 9 * 6 + 2L * 378 * 6 * 9, sep.flops());
        assertEquals(new GemmShape(378, 6, 9, 1, "pointwise GEMM"), sep.gemm());
        // dense on the concatenation: 9181 -> 10
        LayerExplanation dense = e.layer("dense_out");
        assertEquals(9181L * 10 + 10, dense.params());
        assertEquals(2L * 9181 * 10, dense.flops());
        assertTrue(dense.field().global());
        assertTrue(e.render().contains("Total params: 94,315"), e.render());
    }

    @Test
    void zooPoolNormAsymmetricSamePooling() {
        KerasModel m = load("keras3/zoo_pool_norm.h5");
        ModelExplanation e = Explainer.explain(m.graph());
        assertEquals(m.totalParams(), e.totalParams());
        // ZeroPadding2D((1,2),(3,0)) on 23x20 -> 26x23, then conv 3x3 same: params 3*3*4*8 + 8
        assertEquals(296, e.layer("conv").params());
        // maxpool 3 s2 same on 26x23: out 13x12; H total 12*2+3-26 = 1 -> 0/1; W total 11*2+3-23 = 2 -> 1/1
        LayerExplanation mp = e.layer("maxpool_k3_s2_same");
        pads(mp, 0, 1, 1, 1);
        assertEquals(13, mp.outputShape()[1]);
        assertEquals(12, mp.outputShape()[2]);
        // after the conv (RF 3): 3 + (3-1)*1 = 5, jump 2
        assertEquals(new ReceptiveField(5, 5, 2, 2, false), mp.field());
        assertTrue(says(mp, "(TensorFlow puts the odd one at the bottom/right)"), mp.details().toString());
        // avgpool 3 s2 same: same window, same split
        pads(e.layer("avgpool_k3_s2_same"), 0, 1, 1, 1);
        // avgpool k2 s1 same: total 1 -> 0 top, 1 bottom, 0 left, 1 right
        LayerExplanation a2 = e.layer("avgpool_k2_s1_same");
        pads(a2, 0, 1, 0, 1);
        assertEquals(new ReceptiveField(4, 4, 1, 1, false), a2.field());
        // avgpool (2,3) s(2,1) same: H 13, total 12*2+2-26 = 0; W 23, total 22+3-23 = 2 -> 1/1
        LayerExplanation a23 = e.layer("avgpool_k2x3_same");
        pads(a23, 0, 0, 1, 1);
        assertEquals(new ReceptiveField(4, 5, 2, 1, false), a23.field());
        // pooling has neither parameters nor counted FLOPs
        assertEquals(0, mp.params());
        assertEquals(0, mp.flops());
        // k2 valid on the odd 23: floor((23-2)/2)+1 = 11
        assertTrue(says(e.layer("maxpool_k2_valid_odd"), "W: valid: floor((23 − 2) / 2) + 1 = 11"));
    }

    @Test
    void convnet512FlopsAndReceptiveFieldsByHand() {
        KerasModel m = load("keras3/convnet_512.h5");
        ModelExplanation e = Explainer.explain(m.graph());
        assertEquals(2_928_449, e.totalParams());
        long conv = 0;
        for (LayerExplanation l : e.layers()) if (l.kerasClass().equals("Conv2D")) conv += l.flops();
        // PROVENANCE: 2·Σ(H·W·k²·Cin·Cout) over the 8 convs = 13.14 GFLOP; dense 2·32768·64 + 2·64·1
        assertEquals(13.14e9, conv, 0.005e9);
        assertEquals(conv + 2L * 32768 * 64 + 2L * 64, e.totalFlops());
        // RF by hand: 3, pool 4 (jump 2), 8, pool 10 (4), 18, 26, pool 30 (8), 46, 62, pool 70 (16), 102, 134, pool 150 (32)
        String[] names = {"block1_conv1", "block1_pool", "block2_conv1", "block2_pool", "block3_conv1", "block3_conv2", "block3_pool",
                "block4_conv1", "block4_conv2", "block4_pool", "block5_conv1", "block5_conv2", "block5_pool"};
        int[] size = {3, 4, 8, 10, 18, 26, 30, 46, 62, 70, 102, 134, 150};
        int[] jump = {1, 2, 2, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32};
        for (int i = 0; i < names.length; i++) {
            assertEquals(new ReceptiveField(size[i], size[i], jump[i], jump[i], false), e.layer(names[i]).field(), names[i]);
        }
        // block3_conv1 on 128x128x64 -> 128 filters: im2col 16384 x 576 floats = 36 MiB never built
        assertEquals(16384L * 576, e.layer("block3_conv1").im2colFloats());
        assertTrue(e.render().contains("36.0 MiB"), e.render());
    }
}
