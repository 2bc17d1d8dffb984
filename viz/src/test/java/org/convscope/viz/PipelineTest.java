package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.convscope.tensor.Tensor;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.pipeline.ClassicKernels;
import org.convscope.viz.pipeline.FilterDetectCondense;
import org.convscope.viz.pipeline.PipelinePicture;
import org.convscope.viz.render.Picture;
import org.junit.jupiter.api.Test;

/** The pipeline's stages against naive loops written here, and against hand-derived values. */
class PipelineTest {
    /** 'same' 3x3 (any odd k) correlation with zeros outside, as Keras's Conv2D computes it. */
    static float[] naiveConv(float[] img, int h, int w, float[][] k) {
        int kh = k.length, kw = k[0].length, ph = (kh - 1) / 2, pw = (kw - 1) / 2;
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            double s = 0;
            for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++) {
                int yy = y + i - ph, xx = x + j - pw;
                if (yy >= 0 && yy < h && xx >= 0 && xx < w) s += k[i][j] * img[yy * w + xx];
            }
            out[y * w + x] = (float) s;
        }
        return out;
    }

    static float[] naivePool(float[] in, int h, int w) {
        int oh = (h + 1) / 2, ow = (w + 1) / 2; // 'same', stride 2: ceil(n / 2)
        float[] out = new float[oh * ow];
        for (int y = 0; y < oh; y++) for (int x = 0; x < ow; x++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) {
                int yy = 2 * y + i, xx = 2 * x + j;
                if (yy < h && xx < w) m = Math.max(m, in[yy * w + xx]);
            }
            out[y * ow + x] = m;
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        float max = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            float d = Math.abs(expected[i] - actual[i]);
            if (d > 1e-5f && first < 0) first = i;
            max = Math.max(max, d);
        }
        if (first >= 0) {
            throw new AssertionError(what + ": first mismatch at " + first + ": expected " + expected[first] + ", got " + actual[first] + "; max err " + max);
        }
    }

    @Test
    void everyClassicKernelMatchesTheNaiveStages() {
        Random r = new Random(5);
        int h = 9, w = 7; // odd sizes: the pool pads the last row and column
        Tensor img = Tensor.zeros(1, h, w, 1);
        for (int i = 0; i < img.size(); i++) img.data()[i] = r.nextFloat();
        for (String name : ClassicKernels.names()) {
            float[][] k = ClassicKernels.get(name);
            FilterDetectCondense.Stages st = FilterDetectCondense.run(img, k);
            float[] conv = naiveConv(img.data(), h, w, k);
            float[] relu = conv.clone();
            for (int i = 0; i < relu.length; i++) relu[i] = Math.max(0, relu[i]);
            assertArrayEquals(new int[]{1, 9, 7, 1}, st.filtered().shape());
            assertArrayEquals(new int[]{1, 5, 4, 1}, st.condensed().shape());
            assertClose(conv, st.filtered().data(), name + " filter");
            assertClose(relu, st.detected().data(), name + " detect");
            assertClose(naivePool(relu, h, w), st.condensed().data(), name + " condense");
        }
    }

    @Test
    void edgeKernelOnAFlatImageIsZeroInsideAndPositiveAtTheBorder() {
        // constant c: inside 8c − 8c = 0; a corner sees 3 neighbours (8c − 3c = 5c); an edge 5 (8c − 5c = 3c)
        Tensor img = Tensor.full(0.5f, 1, 4, 4, 1);
        FilterDetectCondense.Stages st = FilterDetectCondense.run(img, ClassicKernels.get("edge"));
        assertEquals(2.5f, st.filtered().get(0, 0, 0, 0), 1e-6f);
        assertEquals(1.5f, st.filtered().get(0, 0, 1, 0), 1e-6f);
        assertEquals(0f, st.filtered().get(0, 1, 1, 0), 1e-6f);
        // condense: each 2x2 block holds one corner (2.5) -> all 2.5
        assertArrayEquals(new float[]{2.5f, 2.5f, 2.5f, 2.5f}, st.condensed().data(), 1e-6f);
        // bottom_sobel on a vertical ramp (row y = y): the interior is 1·1+2·1+1·1 - ... = 8 per unit step
        Tensor ramp = Tensor.zeros(1, 5, 5, 1);
        for (int y = 0; y < 5; y++) for (int x = 0; x < 5; x++) ramp.set(y, 0, y, x, 0);
        assertEquals(8f, FilterDetectCondense.run(ramp, ClassicKernels.get("bottom_sobel")).filtered().get(0, 2, 2, 0), 1e-5f);
        // and the picture has its five panels
        Picture p = PipelinePicture.render(st, "edge", Colormap.named("magma"), 64);
        assertEquals(5, p.cells().size());
        assertThrows(IllegalArgumentException.class, () -> ClassicKernels.get("laplace"));
        assertThrows(IllegalArgumentException.class, () -> FilterDetectCondense.run(Tensor.zeros(1, 4, 4, 3), ClassicKernels.get("edge")));
    }
}
