package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Conv2D;
import org.convscope.layers.SeparableConv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Graph fusion on a real trained model: the FER2013 emotion big_XCEPTION (Keras 2.0.5), whose every
 * BatchNormalization follows a bias-free Conv2D or SeparableConv2D, predicted fused, unfused, and
 * compared with Keras's {@code /outputs/predictions}.
 */
class FusedModelTest {
    private static final String MODEL = "trained/fer2013_big_XCEPTION.54-0.66.hdf5";
    private static final String IO = "trained/fer2013_big_XCEPTION.54-0.66.io.h5";

    @Test
    void emotionModelPredictsTheSameFusedAndUnfusedAsKeras() throws Exception {
        KerasModel m = KerasModel.load(Fixtures.file(MODEL));
        Graph g = m.graph();
        Tensor x, keras;
        try (IoReference ref = new IoReference(Fixtures.file(IO))) {
            x = ref.input();
            keras = ref.output("predictions");
        }

        // Which chains fuse: every BN of this model sits right after a convolution whose output only
        // it reads, so each one folds; those followed by Activation(relu) take the relu along.
        // Each residual block ends with add([MaxPooling2D(x), shortcut]): pooling and Add fuse too.
        List<List<String>> chains = new java.util.ArrayList<>(g.fusedChains(g.outputNames()));
        List<List<String>> poolAdds = new java.util.ArrayList<>();
        for (List<String> c : chains) if (g.node(c.get(0)).layer() instanceof org.convscope.layers.MaxPooling2D) poolAdds.add(c);
        chains.removeAll(poolAdds);
        assertEquals(2, poolAdds.size(), poolAdds::toString);
        for (List<String> c : poolAdds) {
            assertEquals(2, c.size(), "the Add's output feeds the next block's shortcut too, so no activation joins: " + c);
            assertTrue(g.node(c.get(1)).layer() instanceof org.convscope.layers.Add, c::toString);
        }
        int bns = 0, withRelu = 0;
        for (Node n : g.nodes()) if (n.layer() instanceof BatchNormalization) bns++;
        for (List<String> c : chains) {
            assertTrue(g.node(c.get(0)).layer() instanceof Conv2D || g.node(c.get(0)).layer() instanceof SeparableConv2D, c::toString);
            assertTrue(g.node(c.get(1)).layer() instanceof BatchNormalization, c::toString);
            if (c.size() == 3) {
                ActivationLayer a = (ActivationLayer) g.node(c.get(2)).layer();
                assertEquals("relu", a.activation().name(), c::toString);
                withRelu++;
            }
        }
        System.out.println("FUSION " + MODEL + ": " + chains.size() + " chains fused (" + withRelu
                + " conv → BN → relu, " + (chains.size() - withRelu) + " conv → BN), " + bns + " BatchNormalization layers: "
                + chains);
        // big_XCEPTION: conv1, conv2 (Conv2D → BN → relu), per residual block (two blocks) a 1x1
        // Conv2D → BN shortcut, SeparableConv2D → BN → relu and SeparableConv2D → BN.
        assertEquals(8, bns);
        assertEquals(8, chains.size(), "one chain per BatchNormalization");
        assertEquals(4, withRelu);

        Tensor fused = g.predict(x);
        Tensor unfused = withFusionOff(() -> {
            assertEquals(List.of(), g.fusedChains(g.outputNames()));
            return m.predict(x);
        });
        assertClose("fused vs Keras", keras, fused, 1e-5);
        assertClose("unfused vs Keras", keras, unfused, 1e-5);
        assertClose("fused vs unfused", unfused, fused, 1e-5);
        assertFalse(java.util.Arrays.equals(fused.data(), unfused.data()),
                "fused and unfused predictions are bit-identical: did the fused path run?");

        // Softmax squeezes errors: compare the logits too (the last convolution, before the global
        // average pool), which every fused chain feeds.
        String logits = null;
        for (Node n : g.nodes()) if (n.layer() instanceof org.convscope.layers.GlobalAveragePooling2D) logits = n.inbound().get(0);
        assertEquals(10, g.fusedChains(List.of(logits)).size());
        Tensor fusedLogits = m.activations(x, logits).get(logits);
        try (IoReference ref = new IoReference(Fixtures.file(IO))) {
            assertClose("fused logits (" + logits + ") vs Keras", ref.output(logits), fusedLogits, 1e-5);
        }

        // Asking for a convolution's own output switches its chain off and gives the plain conv.
        String conv = chains.get(0).get(0);
        assertEquals(chains.size() + poolAdds.size() - 1, g.fusedChains(List.of(conv, g.outputNames().get(0))).size());
        Map<String, Tensor> both = m.activations(x, conv, g.outputNames().get(0));
        Tensor plain = withFusionOff(() -> m.activations(x, conv).get(conv));
        assertArrayEquals(plain.data(), both.get(conv).data(), conv + ": the unfused convolution, exactly");
        assertClose("predictions next to an inner layer", keras, both.get(g.outputNames().get(0)), 1e-5);
    }

    private static <T> T withFusionOff(Supplier<T> body) {
        return org.convscope.engine.EngineConfig.global().withFuse(false).get(body);
    }

    /** |got − ref| ≤ rel·max|ref|; on failure the first mismatches and the max error. */
    private static void assertClose(String what, Tensor ref, Tensor got, double rel) {
        assertArrayEquals(ref.shape(), got.shape(), what + ": shape");
        float[] a = ref.data(), b = got.data();
        double max = 0, worst = 0;
        for (float v : a) max = Math.max(max, Math.abs(v));
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            double e = Math.abs((double) a[i] - b[i]);
            worst = Math.max(worst, e);
            if (!(e <= rel * max)) bad.add("[" + i + "] ref " + a[i] + " got " + b[i]);
        }
        System.out.printf("FUSION %s: max error %.3g (%.3g of max |ref| %.4f)%n", what, worst, worst / max, max);
        if (!bad.isEmpty()) {
            fail(what + ": " + bad.size() + " of " + a.length + " values off by more than " + rel + "·" + max
                    + ", max error " + worst + "; first: " + bad.subList(0, Math.min(5, bad.size())));
        }
    }
}
