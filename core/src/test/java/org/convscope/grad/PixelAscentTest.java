package org.convscope.grad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.convscope.activation.Activations;
import org.convscope.geometry.Padding;
import org.convscope.graph.Graph;
import org.convscope.layers.Conv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Pixel-space activation maximisation on hand-built models whose answer is known. */
class PixelAscentTest {
    /** A 3×3 horizontal-edge detector: bright row above, dark row below. */
    static Graph edgeModel(boolean horizontal) {
        float[] k = horizontal
                ? new float[] {1, 1, 1, 0, 0, 0, -1, -1, -1}
                : new float[] {1, 0, -1, 1, 0, -1, 1, 0, -1};
        Conv2D conv = new Conv2D("edge", Tensor.of(k, 3, 3, 1, 1), null, new int[] {1, 1}, Padding.VALID, new int[] {1, 1}, 1,
                Activations.get("relu"));
        return Graph.builder("edge_model").input("image", -1, 32, 32, 1).then(conv).build();
    }

    /** Energy of differences between vertically adjacent pixels over that of horizontally adjacent ones. */
    static double verticalOverHorizontal(Tensor img) {
        int h = img.dim(1), w = img.dim(2);
        float[] d = img.data();
        double ev = 0, eh = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y + 1 < h) ev += sq(d[(y + 1) * w + x] - d[y * w + x]);
                if (x + 1 < w) eh += sq(d[y * w + x + 1] - d[y * w + x]);
            }
        }
        return ev / eh;
    }

    private static double sq(double v) { return v * v; }

    @Test
    void horizontalEdgeFilterGrowsHorizontalStripes() {
        PixelAscent.Options o = PixelAscent.Options.kerasIo().withSeed(7);
        for (boolean horizontal : new boolean[] {true, false}) {
            Graph g = edgeModel(horizontal);
            Tensor start = PixelAscent.startImage(new int[] {1, 32, 32, 1}, o);
            AscentResult r = PixelAscent.run(g, Objectives.channelMean("edge", 0, 2), start, o, AscentListener.NONE);
            double before = verticalOverHorizontal(start), after = verticalOverHorizontal(r.image());
            System.out.printf("%s edge filter: objective %.4f -> %.4f; vertical/horizontal difference energy %.2f -> %.2f%n",
                    horizontal ? "horizontal" : "vertical", r.startValue(), r.endValue(), before, after);
            assertTrue(r.endValue() > 10 * r.startValue(), "objective must rise a lot: " + r.startValue() + " -> " + r.endValue());
            // Noise has no preferred direction (ratio ~1); the stripes of a horizontal-edge filter
            // change from row to row, not along a row.
            assertTrue(Math.abs(before - 1) < 0.3, "start noise ratio " + before);
            if (horizontal) assertTrue(after > 5, "horizontal stripes expected: ratio " + after);
            else assertTrue(after < 0.2, "vertical stripes expected: ratio " + after);
        }
    }

    @Test
    void sameSeedSameImageAndListenerCanStop() {
        Graph g = edgeModel(true);
        PixelAscent.Options o = PixelAscent.Options.kerasIo().withSteps(8).withJitter(2).withSeed(11);
        Tensor a = PixelAscent.run(g, Objectives.channelMean("edge", 0), new int[] {1, 32, 32, 1}, o, AscentListener.NONE).image();
        Tensor b = PixelAscent.run(g, Objectives.channelMean("edge", 0), new int[] {1, 32, 32, 1}, o, AscentListener.NONE).image();
        assertArrayEquals(a.data(), b.data(), "same seed must give the same image");
        Tensor c = PixelAscent.run(g, Objectives.channelMean("edge", 0), new int[] {1, 32, 32, 1}, o.withSeed(12), AscentListener.NONE).image();
        assertFalse(java.util.Arrays.equals(a.data(), c.data()), "another seed gives another image");

        List<Double> values = new ArrayList<>();
        AscentResult r = PixelAscent.run(g, Objectives.channelMean("edge", 0), new int[] {1, 32, 32, 1}, o, s -> {
            values.add(s.objective());
            return s.step() < 3;
        });
        assertEquals(3, r.steps());
        assertEquals(3, values.size());
        assertTrue(values.get(2) > values.get(0), "objective rises over the watched steps: " + values);
    }

    @Test
    void deprocessMatchesKerasIo() {
        // 4x4 image 0..15, crop 1: mean 7.5, std sqrt((16²-1)/12) = 4.6098
        Tensor img = Tensor.arange(1, 4, 4, 1);
        Tensor d = PixelAscent.deprocess(img, 1);
        assertArrayEquals(new int[] {1, 2, 2, 1}, d.shape());
        double std = Math.sqrt((256 - 1) / 12.0);
        assertEquals((5 - 7.5) / (std + 1e-5) * 0.15 + 0.5, d.get(0, 0, 0, 0), 1e-6);
        assertEquals((10 - 7.5) / (std + 1e-5) * 0.15 + 0.5, d.get(0, 1, 1, 0), 1e-6);
    }
}
