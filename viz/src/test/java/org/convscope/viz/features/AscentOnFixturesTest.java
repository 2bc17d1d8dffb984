package org.convscope.viz.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.convscope.grad.AscentListener;
import org.convscope.grad.AscentResult;
import org.convscope.grad.Backprop;
import org.convscope.grad.Objective;
import org.convscope.grad.Objectives;
import org.convscope.grad.PixelAscent;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;
import org.convscope.viz.model.ConvLayers;
import org.junit.jupiter.api.Test;

/** Activation maximisation on the fixture models: the objective must rise on every conv layer. */
class AscentOnFixturesTest {
    /** model file, its reference file (the start image is its /input), input low, input high, steps */
    record Case(String file, String io, double lo, double hi, int steps) {}

    @Test
    void objectiveRisesOnEveryConvLayerOfEveryFixtureModel() {
        List<Case> cases = List.of(
                new Case("keras3/zoo_conv.h5", "keras3/zoo_conv.io.h5", -1, 1, 4),
                new Case("keras3/zoo_pool_norm.h5", "keras3/zoo_pool_norm.io.h5", 0, 1, 4),
                new Case("keras3/zoo_act_merge.h5", "keras3/zoo_act_merge.io.h5", -1, 1, 4),
                new Case("keras3/kaggle_custom_convnet.h5", "keras3/kaggle_custom_convnet.io.h5", 0, 1, 3),
                new Case("keras2/cnn_batch_norm.h5", "keras2/cnn_batch_norm.io.h5", 0, 1, 4),
                new Case("keras2/conv2d_tensorflow_2.h5", "keras2/conv2d_tensorflow_2.io.h5", 0, 1, 4),
                new Case("keras2/sepconv2d_tensorflow_2.h5", "keras2/sepconv2d_tensorflow_2.io.h5", 0, 1, 4),
                new Case(FixtureModels.EMOTION, "trained/fer2013_big_XCEPTION.54-0.66.io.h5", -1, 1, 4),
                new Case("trained/gender_mini_XCEPTION.21-0.95.hdf5", "trained/gender_mini_XCEPTION.21-0.95.io.h5", -1, 1, 3),
                new Case("keras3/convnet_512.h5", "keras3/convnet_512.io.h5", 0, 1, 1));
        int layers = 0;
        for (Case c : cases) {
            Graph g = FixtureModels.load(c.file()).graph();
            int[] shape = FilterVisualizer.imageShape(g, FilterVisualizer.Options.pixel());
            PixelAscent.Options o = PixelAscent.Options.kerasIoScaled(shape).withSteps(c.steps());
            for (String layer : ConvLayers.names(g)) {
                // Start from the model's reference input (a photo or its noise): faint noise leaves
                // every ReLU of some small models off, and then nothing can rise.
                Tensor start = FixtureModels.referenceInput(c.io()).batchItem(0);
                int filter = 0;
                AscentResult r = PixelAscent.run(g, Objectives.channelMean(layer, filter, 0), start, o, AscentListener.NONE);
                while (r.endValue() == r.startValue() && filter + 1 < FilterVisualizer.channels(g, layer)) {
                    filter++;      // a filter whose ReLUs are all off at the start has a zero gradient: take the next
                    r = PixelAscent.run(g, Objectives.channelMean(layer, filter, 0), start, o, AscentListener.NONE);
                }
                System.out.printf("%-45s %-22s filter %3d: objective %10.4f -> %10.4f after %d steps%n",
                        c.file(), layer, filter, r.startValue(), r.endValue(), r.steps());
                assertTrue(r.endValue() > r.startValue() + 1e-6 * Math.max(1, Math.abs(r.startValue())),
                        c.file() + " " + layer + ": objective did not rise: " + r.startValue() + " -> " + r.endValue());
                layers++;
            }
        }
        System.out.println("conv layers checked: " + layers);
        assertTrue(layers >= 40, "layers checked: " + layers);
    }

    @Test
    void sameSeedSameImageForBothMethods() {
        Graph g = FixtureModels.load(FixtureModels.EMOTION).graph();
        for (FilterVisualizer.Options o : new FilterVisualizer.Options[] {
                FilterVisualizer.Options.pixel().withSteps(5).withInputRange(-1, 1),
                FilterVisualizer.Options.lucid().withSteps(5).withInputRange(-1, 1)}) {
            FilterVisualizer.FilterImage a = FilterVisualizer.visualize(g, "conv2d_2", 3, o, AscentListener.NONE);
            FilterVisualizer.FilterImage b = FilterVisualizer.visualize(g, "conv2d_2", 3, o, AscentListener.NONE);
            assertArrayEquals(a.image().data(), b.image().data(), o.method() + ": same seed, same image");
            FilterVisualizer.FilterImage c = FilterVisualizer.visualize(g, "conv2d_2", 3, o.withSeed(99), AscentListener.NONE);
            assertFalse(Arrays.equals(a.image().data(), c.image().data()), o.method() + ": another seed, another image");
            System.out.printf("%s conv2d_2 filter 3: %.4f -> %.4f%n", o.method(), a.startValue(), a.endValue());
        }
    }

    @Test
    void lucidMethodRaisesTheObjectiveAndMakesHorizontalStripesForAHorizontalEdgeFilter() {
        Graph g = FixtureModels.load(FixtureModels.EMOTION).graph();
        for (String layer : List.of("conv2d_1", "separable_conv2d_2", "conv2d_4")) {
            LucidAscent.Options o = LucidAscent.Options.defaults(64).withSteps(24).withSeed(3).withInputRange(-1, 1);
            AscentResult r = LucidAscent.run(g, Objectives.channelMean(layer, 5), 64, 64, 1, o, AscentListener.NONE);
            double start = LucidAscent.evaluate(g, Objectives.channelMean(layer, 5), Tensor.full(0.5f, 1, 64, 64, 1), o);
            System.out.printf("Lucid %-20s filter 5: objective at gray %.4f, during step 1 %.4f, final %.4f%n", layer, start, r.startValue(), r.endValue());
            assertTrue(r.endValue() > r.startValue() && r.endValue() > start, layer + ": " + r);
        }
        // The hand-built horizontal edge detector (3x3, +1 row over −1 row, ReLU).
        Graph edge = org.convscope.graph.Graph.builder("edge").input("image", -1, 48, 48, 1)
                .then(new org.convscope.layers.Conv2D("edge", Tensor.of(new float[] {1, 1, 1, 0, 0, 0, -1, -1, -1}, 3, 3, 1, 1), null,
                        new int[] {1, 1}, org.convscope.geometry.Padding.VALID, new int[] {1, 1}, 1, org.convscope.activation.Activations.get("relu")))
                .build();
        LucidAscent.Options o = LucidAscent.Options.defaults(48).withSteps(60).withSeed(1);
        AscentResult r = LucidAscent.run(edge, Objectives.channelMean("edge", 0), 48, 48, 1, o, AscentListener.NONE);
        double ratio = verticalOverHorizontal(r.image());
        System.out.printf("Lucid horizontal edge filter: objective %.4f -> %.4f, vertical/horizontal difference energy %.2f%n",
                r.startValue(), r.endValue(), ratio);
        assertTrue(ratio > 1.5, "horizontal stripes expected, ratio " + ratio);   // noise: about 1
    }

    static double verticalOverHorizontal(Tensor img) {
        int h = img.dim(1), w = img.dim(2);
        float[] d = img.data();
        double ev = 0, eh = 0;
        for (int y = 0; y + 1 < h; y++) for (int x = 0; x < w; x++) ev += Math.pow(d[(y + 1) * w + x] - d[y * w + x], 2);
        for (int y = 0; y < h; y++) for (int x = 0; x + 1 < w; x++) eh += Math.pow(d[y * w + x + 1] - d[y * w + x], 2);
        return ev / eh;
    }
}
