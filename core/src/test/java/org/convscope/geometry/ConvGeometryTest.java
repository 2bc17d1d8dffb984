package org.convscope.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The output-size and padding formulas on cases worked out by hand. */
class ConvGeometryTest {
    private static final String L = "Conv2D 'c'";

    /** {outH, padTop, padBottom} along the height for a square case (width mirrors it). */
    private static int[] height(int in, int k, int s, int d, Padding p) {
        ConvGeometry g = ConvGeometry.of(L, 1, in, in, 1, k, k, new int[] {s, s}, new int[] {d, d}, p, 1);
        assertEquals(g.outH(), g.outW());
        assertEquals(g.padTop(), g.padLeft());
        assertEquals(g.padBottom(), g.padRight());
        return new int[] {g.outH(), g.padTop(), g.padBottom()};
    }

    @Test
    void validOutputSize() {
        // floor((in − kd)/s) + 1, kd = (k−1)·d + 1
        assertArrayEquals(new int[] {3, 0, 0}, height(5, 3, 1, 1, Padding.VALID));   // (5−3)/1+1
        assertArrayEquals(new int[] {3, 0, 0}, height(7, 3, 2, 1, Padding.VALID));   // (7−3)/2+1
        assertArrayEquals(new int[] {2, 0, 0}, height(6, 3, 2, 1, Padding.VALID));   // floor(3/2)+1
        assertArrayEquals(new int[] {3, 0, 0}, height(7, 3, 1, 2, Padding.VALID));   // kd=5: (7−5)+1
        assertArrayEquals(new int[] {1, 0, 0}, height(4, 4, 3, 1, Padding.VALID));   // kernel = input
        assertArrayEquals(new int[] {2, 0, 0}, height(9, 2, 3, 3, Padding.VALID));   // kd=4: floor(5/3)+1
    }

    @Test
    void samePaddingTensorFlowSplit() {
        // out = ceil(in/s); total = max((out−1)·s + kd − in, 0); top = total/2, the rest at the bottom
        assertArrayEquals(new int[] {5, 1, 1}, height(5, 3, 1, 1, Padding.SAME));    // total 2
        assertArrayEquals(new int[] {6, 0, 1}, height(6, 2, 1, 1, Padding.SAME));    // even kernel: total 1 → 0 / 1
        assertArrayEquals(new int[] {5, 1, 2}, height(5, 4, 1, 1, Padding.SAME));    // even kernel: total 3 → 1 / 2
        assertArrayEquals(new int[] {3, 0, 1}, height(6, 3, 2, 1, Padding.SAME));    // 2·2+3−6 = 1 → 0 / 1
        assertArrayEquals(new int[] {4, 1, 1}, height(7, 3, 2, 1, Padding.SAME));    // 3·2+3−7 = 2
        assertArrayEquals(new int[] {3, 0, 0}, height(5, 1, 2, 1, Padding.SAME));    // 2·2+1−5 = 0
        assertArrayEquals(new int[] {1, 0, 0}, height(4, 4, 4, 1, Padding.SAME));    // 0+4−4 = 0
        assertArrayEquals(new int[] {3, 2, 2}, height(3, 3, 1, 2, Padding.SAME));    // kd=5: 2+5−3 = 4
        assertArrayEquals(new int[] {1, 2, 3}, height(1, 6, 1, 1, Padding.SAME));    // 0+6−1 = 5 → 2 / 3
        assertArrayEquals(new int[] {2, 0, 0}, height(5, 2, 3, 1, Padding.SAME));    // 1·3+2−5 = 0
    }

    @Test
    void rectangularKernelAndAnisotropicStrides() {
        ConvGeometry g = ConvGeometry.of(L, 2, 6, 9, 4, 2, 5, new int[] {1, 2}, new int[] {1, 1}, Padding.SAME, 2);
        // height: out 6, total 1 → 0/1; width: out ceil(9/2)=5, total 4·2+5−9 = 4 → 2/2
        assertEquals(6, g.outH());
        assertEquals(5, g.outW());
        assertArrayEquals(new int[] {0, 1, 2, 2}, new int[] {g.padTop(), g.padBottom(), g.padLeft(), g.padRight()});
        assertEquals(2, g.inCPerGroup());
        assertEquals(2 * 6 * 5, g.outputPixels());
        assertArrayEquals(new int[] {2, 6, 5, 7}, g.outputShape(7));
        assertEquals(2, g.dilatedKh());
        assertEquals(5, g.dilatedKw());
    }

    @Test
    void poolingWindow() {
        ConvGeometry v = ConvGeometry.forPooling("MaxPooling2D 'p'", 1, 5, 5, 3, new int[] {2, 2}, new int[] {2, 2}, Padding.VALID);
        assertEquals(2, v.outH());                                                    // floor(3/2)+1
        ConvGeometry s = ConvGeometry.forPooling("MaxPooling2D 'p'", 1, 5, 5, 3, new int[] {2, 2}, new int[] {2, 2}, Padding.SAME);
        assertEquals(3, s.outH());                                                    // ceil(5/2)
        assertEquals(0, s.padTop());                                                  // total 2·2+2−5 = 1 → 0 / 1
        assertEquals(1, s.padBottom());
    }

    @Test
    void unknownLengthStaysUnknown() {
        assertEquals(-1, ConvGeometry.outputLength(L, "height", -1, 3, 1, 1, Padding.VALID));
        assertEquals(-1, TransposeGeometry.outputLength(L, "height", -1, 3, 2, 1, Padding.SAME, null));
    }

    @Test
    void transposeOutputSize() {
        // deconv_output_length, k=3 s=2 in=3: valid 3·2 + max(3−2,0) = 7; same 3·2 = 6
        assertEquals(7, TransposeGeometry.outputLength(L, "h", 3, 3, 2, 1, Padding.VALID, null));
        assertEquals(6, TransposeGeometry.outputLength(L, "h", 3, 3, 2, 1, Padding.SAME, null));
        // with output padding: (in−1)·s + kd − 2·pad + op; valid pad 0: 4+3+1 = 8; same pad 1: 4+3−2+1 = 6
        assertEquals(8, TransposeGeometry.outputLength(L, "h", 3, 3, 2, 1, Padding.VALID, 1));
        assertEquals(6, TransposeGeometry.outputLength(L, "h", 3, 3, 2, 1, Padding.SAME, 1));
        // dilation: k=3 d=2 → kd=5; valid in=2 s=1: 2 + 4 = 6
        assertEquals(6, TransposeGeometry.outputLength(L, "h", 2, 3, 1, 2, Padding.VALID, null));
        // stride larger than the kernel: valid in·s = 3·3 = 9
        assertEquals(9, TransposeGeometry.outputLength(L, "h", 3, 2, 3, 1, Padding.VALID, null));

        // crop at the top (same): max((in−1)·s + kd − out, 0)/2; k=4 s=2 in=3 out=6: (4+4−6)/2 = 1
        TransposeGeometry t = TransposeGeometry.of(L, 1, 3, 3, 4, 4, new int[] {2, 2}, new int[] {1, 1}, Padding.SAME, null);
        assertEquals(6, t.outH());
        assertEquals(1, t.padTop());
        // k=3 s=2: (4+3−6)/2 = 0 (the odd cell is cropped at the bottom)
        TransposeGeometry u = TransposeGeometry.of(L, 1, 3, 3, 3, 3, new int[] {2, 2}, new int[] {1, 1}, Padding.SAME, null);
        assertEquals(0, u.padTop());
    }

    @Test
    void errorsNameTheLayer() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () ->
                ConvGeometry.of(L, 1, 4, 9, 1, 3, 3, new int[] {1, 1}, new int[] {2, 2}, Padding.VALID, 1));
        assertTrue(empty.getMessage().contains(L) && empty.getMessage().contains("empty")
                && empty.getMessage().contains("height 4") && empty.getMessage().contains("5"), empty.getMessage());

        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class, () ->
                ConvGeometry.of(L, 1, 4, 4, 5, 3, 3, new int[] {1, 1}, new int[] {1, 1}, Padding.VALID, 2));
        assertTrue(groups.getMessage().contains(L) && groups.getMessage().contains("groups=2"), groups.getMessage());

        IllegalArgumentException stride = assertThrows(IllegalArgumentException.class, () ->
                ConvGeometry.of(L, 1, 4, 4, 1, 3, 3, new int[] {0, 1}, new int[] {1, 1}, Padding.VALID, 1));
        assertTrue(stride.getMessage().contains(L) && stride.getMessage().contains("strides"), stride.getMessage());

        IllegalArgumentException op = assertThrows(IllegalArgumentException.class, () ->
                TransposeGeometry.of(L, 1, 3, 3, 3, 3, new int[] {2, 2}, new int[] {1, 1}, Padding.SAME, new int[] {2, 0}));
        assertTrue(op.getMessage().contains(L) && op.getMessage().contains("output_padding"), op.getMessage());

        // same padding, even kernel, output_padding 0: out = (3−1)·2 + 2 − 2 + 0 = 4, but ceil(4/2) = 2 ≠ 3
        IllegalArgumentException inconsistent = assertThrows(IllegalArgumentException.class, () ->
                TransposeGeometry.of(L, 1, 3, 3, 2, 2, new int[] {2, 2}, new int[] {1, 1}, Padding.SAME, new int[] {0, 0}));
        assertTrue(inconsistent.getMessage().contains(L), inconsistent.getMessage());
    }
}
