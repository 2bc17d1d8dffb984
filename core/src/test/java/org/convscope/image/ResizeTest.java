package org.convscope.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Resize against values derived by hand from TensorFlow's half-pixel formulas (see Resize's
 * Javadoc): nearest reads {@code floor((o+0.5)·in/out)}, bilinear samples {@code (o+0.5)·in/out − 0.5}
 * with the edge repeated.
 */
class ResizeTest {
    private static void assertClose(float[] expected, Tensor actual, String what) {
        float[] a = actual.data();
        assertEquals(expected.length, a.length, what + ": size");
        float max = 0;
        int first = -1;
        for (int i = 0; i < a.length; i++) {
            float d = Math.abs(a[i] - expected[i]);
            if (d > 1e-5f && first < 0) first = i;
            max = Math.max(max, d);
        }
        if (first >= 0) {
            throw new AssertionError(what + ": first mismatch at " + first + " expected " + expected[first] + " got " + a[first]
                    + ", max err " + max + "\nexpected " + Arrays.toString(expected) + "\nactual   " + Arrays.toString(a));
        }
    }

    @Test
    void nearestUpsamples2x2To4x4ByRepeatingEachPixel() {
        // scale 0.5: o = 0,1,2,3 read floor(0.25), floor(0.75), floor(1.25), floor(1.75) = 0,0,1,1
        Tensor in = Tensor.of(new float[]{1, 2, 3, 4}, 1, 2, 2, 1);
        Tensor out = Resize.resize(in, 4, 4, Interpolation.NEAREST);
        assertArrayEquals(new int[]{1, 4, 4, 1}, out.shape());
        assertClose(new float[]{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, out, "nearest 2x2->4x4");
    }

    @Test
    void nearestDownsamples4x4To2x2ReadingRowsAndColumns1And3() {
        // scale 2: o = 0,1 read floor(1.0), floor(3.0) = 1, 3
        Tensor in = Tensor.arange(1, 4, 4, 1);
        Tensor out = Resize.resize(in, 2, 2, Interpolation.NEAREST);
        assertClose(new float[]{5, 7, 13, 15}, out, "nearest 4x4->2x2");
    }

    @Test
    void nearest3To5() {
        // scale 0.6: floor(0.3, 0.9, 1.5, 2.1, 2.7) = 0, 0, 1, 2, 2
        Tensor in = Tensor.of(new float[]{10, 20, 30}, 1, 1, 3, 1);
        assertClose(new float[]{10, 10, 20, 30, 30}, Resize.resize(in, 1, 5, Interpolation.NEAREST), "nearest 3->5");
        assertEquals(2, Resize.nearestIndex(4, 3, 5));
    }

    @Test
    void bilinearUpsamples2x2To4x4() {
        // Along one axis [a, b] -> x = -0.25, 0.25, 0.75, 1.25 -> a, a+0.25(b-a), a+0.75(b-a), b.
        // Columns of [[0,4],[8,12]]: 0,1,3,4; rows add 8 * (0, 0.25, 0.75, 1) = 0, 2, 6, 8.
        Tensor in = Tensor.of(new float[]{0, 4, 8, 12}, 1, 2, 2, 1);
        Tensor out = Resize.resize(in, 4, 4, Interpolation.BILINEAR);
        assertClose(new float[]{0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12}, out, "bilinear 2x2->4x4");
    }

    @Test
    void bilinearDownsamples4x4To2x2ByAveragingEachQuad() {
        // x = 0.5 and 2.5: each output is the mean of a 2x2 block of arange(16).
        Tensor in = Tensor.arange(1, 4, 4, 1);
        Tensor out = Resize.resize(in, 2, 2, Interpolation.BILINEAR);
        assertClose(new float[]{2.5f, 4.5f, 10.5f, 12.5f}, out, "bilinear 4x4->2x2");
    }

    @Test
    void bilinear3To5() {
        // x = -0.2, 0.4, 1.0, 1.6, 2.2 -> v0, v0+0.4(v1-v0), v1, v1+0.6(v2-v1), v2
        Tensor in = Tensor.of(new float[]{0, 10, 20}, 1, 3, 1, 1);
        assertClose(new float[]{0, 4, 10, 16, 20}, Resize.resize(in, 5, 1, Interpolation.BILINEAR), "bilinear 3->5 (height)");
    }

    @Test
    void channelsAndBatchItemsAreResizedIndependently() {
        // batch 2, 2 channels: channel 1 = 100 + channel 0, item 1 = -item 0
        float[] d = {0, 100, 4, 104, 8, 108, 12, 112, 0, -100, -4, -104, -8, -108, -12, -112};
        Tensor out = Resize.resize(Tensor.of(d, 2, 2, 2, 2), 4, 4, Interpolation.BILINEAR);
        float[] base = {0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12};
        float[] expected = new float[64];
        for (int i = 0; i < 16; i++) {
            expected[2 * i] = base[i];
            expected[2 * i + 1] = base[i] + 100;
            expected[32 + 2 * i] = -base[i];
            expected[32 + 2 * i + 1] = -base[i] - 100;
        }
        assertClose(expected, out, "bilinear batch 2, 2 channels");
    }

    @Test
    void rejectsBadTargets() {
        Tensor in = Tensor.zeros(1, 2, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resize.resize(in, 0, 3, Interpolation.NEAREST));
        assertEquals(true, e.getMessage().contains("0x3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resize.resize(Tensor.zeros(2, 2, 1), 3, 3, Interpolation.NEAREST));
        assertEquals(Interpolation.BILINEAR, Interpolation.parse("Bilinear"));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.parse("bicubic"));
    }
}
