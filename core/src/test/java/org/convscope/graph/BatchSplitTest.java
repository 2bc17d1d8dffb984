package org.convscope.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.convscope.engine.EngineConfig;
import org.convscope.internal.gemm.Gemms;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A batch cut into parts that run on separate threads ({@link BatchSplit}) gives exactly the
 * unsplit results, for predictions and for intermediate layers, for every batch size and the
 * parts' uneven sizes.
 */
class BatchSplitTest {
    private static final EngineConfig SPLIT = EngineConfig.global().withBatchSplit(EngineConfig.Switch.AUTO);
    private static final EngineConfig WHOLE = EngineConfig.global().withBatchSplit(EngineConfig.Switch.OFF);

    private static Tensor rnd(SplittableRandom r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) r.nextDouble(-1, 1);
        return t;
    }

    @Test
    void splitBatchesEqualTheUnsplitPassBitForBit() {
        Graph g = ConcurrentGraphTest.model();
        SPLIT.run(() -> {
            assertEquals(Math.min(4, Gemms.defaultGemm().threads()), BatchSplit.parts(4, 1));
            assertEquals(1, BatchSplit.parts(4, BatchSplit.MAX_ACTIVATION_PER_IMAGE + 1), "large activations are not split");
        });
        WHOLE.run(() -> assertEquals(1, BatchSplit.parts(4, 1), "batchSplit=off"));
        SPLIT.withBatchSplit(EngineConfig.Switch.ON).run(() ->
                assertEquals(Math.min(4, Gemms.defaultGemm().threads()), BatchSplit.parts(4, BatchSplit.MAX_ACTIVATION_PER_IMAGE + 1), "batchSplit=on"));
        SplittableRandom r = new SplittableRandom(9);
        for (int batch : new int[] {1, 2, 3, 5}) {
            Tensor x = rnd(r, batch, 40, 40, 3);
            Graph gWhole = g.withConfig(WHOLE), gSplit = g.withConfig(SPLIT);
            Map<String, Tensor> whole = gWhole.activations(x, ConcurrentGraphTest.WATCHED);
            Tensor wholePredict = gWhole.predict(x);
            Map<String, Tensor> split = gSplit.activations(x, ConcurrentGraphTest.WATCHED);
            Tensor splitPredict = gSplit.predict(x);
            for (String layer : ConcurrentGraphTest.WATCHED) {
                assertArrayEquals(whole.get(layer).shape(), split.get(layer).shape(), layer);
                assertArrayEquals(whole.get(layer).data(), split.get(layer).data(), "batch " + batch + ", layer " + layer);
            }
            assertEquals(batch, splitPredict.dim(0));
            assertArrayEquals(wholePredict.data(), splitPredict.data(), "batch " + batch + ", predict");
        }
    }

    /**
     * Layers that mix the images of a batch (a softmax or a concatenation along the batch axis)
     * keep the whole graph unsplit, so the batch gives the unsplit answer; per-image layers allow it.
     */
    @Test
    void graphsWhoseLayersMixImagesAreNeverSplit() {
        org.convscope.layers.Dense dense = new org.convscope.layers.Dense("dense", rnd(new SplittableRandom(1), 6, 4), null, null);
        Graph softmax0 = Graph.builder("s0").input("x", -1, 6).add(dense, "x")
                .add(new org.convscope.layers.Softmax("sm", 0), "dense").build();
        Graph concat0 = Graph.builder("c0").input("x", -1, 6).add(dense, "x")
                .add(new org.convscope.layers.Concatenate("cat", 0), "dense", "x2").input("x2", -1, 4).build();
        Graph perImage = Graph.builder("p").input("x", -1, 6).add(dense, "x")
                .add(new org.convscope.layers.Softmax("sm", -1), "dense").build();
        SPLIT.run(() -> {
            Tensor x = rnd(new SplittableRandom(2), 4, 6);
            Tensor viaLayers = new org.convscope.layers.Softmax("ref", 0).forward(dense.forward(x));
            assertArrayEquals(viaLayers.data(), softmax0.predict(x).data(), "softmax over the batch: computed whole");
            Tensor x2 = rnd(new SplittableRandom(3), 4, 4);
            Tensor cat = concat0.run(Map.of("x", x, "x2", x2), List.of("cat")).get("cat");
            Tensor want = new org.convscope.layers.Concatenate("ref", 0).forward(List.of(dense.forward(x), x2));
            assertArrayEquals(want.data(), cat.data(), "concatenation along the batch: images in order");
            assertTrue(BatchSplit.perSample(perImage.node("sm").layer(), 2));
            assertTrue(!BatchSplit.perSample(softmax0.node("sm").layer(), 2) && !BatchSplit.perSample(concat0.node("cat").layer(), 2));
            assertArrayEquals(new org.convscope.layers.Softmax("ref", -1).forward(dense.forward(x)).data(), perImage.predict(x).data());
        });
    }

    /**
     * The layers and op nodes of Keras applications: per-image ones allow a split (and give the
     * unsplit values), those reaching across the batch axis keep the graph whole.
     */
    @Test
    void keras3OpNodesSplitOnlyWhenTheyKeepImagesApart() {
        var sm0 = new org.convscope.layers.OpLayer("sm", "Softmax", "keras.src.ops.nn", new org.convscope.activation.SoftmaxActivation(0, false));
        var sm1 = new org.convscope.layers.OpLayer("sm", "Softmax", "keras.src.ops.nn", new org.convscope.activation.SoftmaxActivation(-1, false));
        assertTrue(!BatchSplit.perSample(sm0, 2) && BatchSplit.perSample(sm1, 2));
        var mean = org.convscope.layers.Reduce.Kind.MEAN;
        assertTrue(BatchSplit.perSample(new org.convscope.layers.Reduce("m", "Mean", mean, new int[] {1, 2}, true, null), 4));
        assertTrue(!BatchSplit.perSample(new org.convscope.layers.Reduce("m", "Mean", mean, new int[] {0}, true, null), 4));
        assertTrue(!BatchSplit.perSample(new org.convscope.layers.Reduce("m", "Mean", mean, null, false, null), 4));
        assertTrue(BatchSplit.perSample(new org.convscope.layers.Transpose("t", new int[] {0, 2, 1, 3}), 4));
        assertTrue(!BatchSplit.perSample(new org.convscope.layers.Transpose("t", new int[] {1, 0, 2, 3}), 4));
        assertTrue(BatchSplit.perSample(new org.convscope.layers.OpReshape("r", org.convscope.layers.OpReshape.Kind.RESHAPE, new int[] {-1, 64, 16}), 4));
        assertTrue(!BatchSplit.perSample(new org.convscope.layers.OpReshape("r", org.convscope.layers.OpReshape.Kind.RESHAPE, new int[] {2, -1}), 4));
        assertTrue(!BatchSplit.perSample(new org.convscope.layers.OpReshape("q", org.convscope.layers.OpReshape.Kind.SQUEEZE, null), 4));
        assertTrue(!BatchSplit.perSample(new org.convscope.layers.OpReshape("e", org.convscope.layers.OpReshape.Kind.EXPAND_DIMS, new int[] {0}), 2));
        assertTrue(BatchSplit.perSample(new org.convscope.layers.OpReshape("e", org.convscope.layers.OpReshape.Kind.EXPAND_DIMS, new int[] {1}), 2));
        // a normalisation splits, and gives the values of the whole batch
        org.convscope.layers.Dense dense = new org.convscope.layers.Dense("dense", rnd(new SplittableRandom(1), 6, 4), null, null);
        var ln = new org.convscope.layers.LayerNormalization("ln", 2, new int[] {1}, new int[] {4}, 1e-3f, null, null, false);
        Graph g = Graph.builder("g").input("x", -1, 6).add(dense, "x").add(ln, "dense").add(sm0, "ln").build();
        Graph ok = Graph.builder("ok").input("x", -1, 6).add(dense, "x").add(ln, "dense").add(sm1, "ln").build();
        SPLIT.run(() -> {
            Tensor x = rnd(new SplittableRandom(2), 4, 6);
            assertArrayEquals(sm0.forward(ln.forward(dense.forward(x))).data(), g.predict(x).data(), "softmax over the batch: computed whole");
            assertArrayEquals(sm1.forward(ln.forward(dense.forward(x))).data(), ok.predict(x).data());
        });
    }

    @Test
    void anErrorInOnePartNamesTheLayer() {
        Graph g = ConcurrentGraphTest.model();
        Graph split = g.withConfig(SPLIT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> split.predict(Tensor.zeros(4, 40, 40, 5)));
        assertTrue(e.getMessage().contains("conv1") || e.getMessage().contains("image"), e.getMessage());
    }

    @Test
    void slicesAndConcatenationKeepTheImagesInOrder() {
        Tensor t = Tensor.arange(5, 2, 3);
        Tensor a = BatchSplit.slice(t, 0, 2), b = BatchSplit.slice(t, 2, 5);
        assertEquals(List.of(2, 2, 3), List.of(a.dim(0), a.dim(1), a.dim(2)));
        assertEquals(12f, b.get(0, 0, 0));
        assertArrayEquals(t.data(), BatchSplit.concat(new Tensor[] {a, b}).data());
    }
}
