package org.convscope.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convscope.geometry.Padding;
import org.junit.jupiter.api.Test;

/** The step-by-step demo: hand-checked numbers, and im2col·GEMM equal to the seven-loop reference. */
class ConvDemoTest {
    @Test
    void defaultDemoByHand() {
        ConvDemo d = ConvDemo.run(DemoOptions.defaults());
        // input 1 2 3 4 / 5 6 7 8 / 9 1 2 3 / 4 5 6 7; kernel rows -1 0 1
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7}, d.input().data());
        assertArrayEquals(new float[] {-1, 0, 1, -1, 0, 1, -1, 0, 1}, d.kernelColumn());
        float[][] a = d.im2col();
        assertEquals(4, a.length);
        assertArrayEquals(new float[] {1, 2, 3, 5, 6, 7, 9, 1, 2}, a[0]);   // window at (0,0)
        assertArrayEquals(new float[] {6, 7, 8, 1, 2, 3, 5, 6, 7}, a[3]);   // window at (1,1)
        // (3-1) + (7-5) + (2-9) = -3 ; (4-2) + (8-6) + (3-1) = 6 ; ...
        assertArrayEquals(new float[] {-3, 6, -3, 6}, d.product());
        assertArrayEquals(new float[] {-3, 6, -3, 6}, d.reference().data());
        String text = d.render();
        assertTrue(text.contains("out = floor((4 − 3) / 1) + 1 = 2"), text);
        assertTrue(text.contains("(0,0): 1·(-1) + 3·1 + 5·(-1) + 7·1 + 9·(-1) + 2·1 = -3"), text);
        assertTrue(text.contains("equal: every value is the same"), text);
    }

    @Test
    void samePaddingStride2PadsBottomRight() {
        ConvDemo d = ConvDemo.run(DemoOptions.defaults().withPadding(Padding.SAME).withStride(2));
        // out = ceil(4/2) = 2, total = (2-1)*2 + 3 - 4 = 1 -> top 0, bottom 1
        assertEquals(0, d.geometry().padTop());
        assertEquals(1, d.geometry().padBottom());
        float[][] a = d.im2col();
        // window (1,1) starts at (2,2): rows 2..4, row 4 is padding
        assertArrayEquals(new float[] {2, 3, 0, 6, 7, 0, 0, 0, 0}, a[3]);
        // (3-2)+(0-0)... = (0 - 2) + (0 - 6) = -8 for window (1,1): -1*2 + 1*0 + -1*6 + 1*0
        assertEquals(-8f, d.product()[3]);
        assertEquals(0f, d.maxDifference());
        assertTrue(d.render().contains("bottom/right"), d.render());
    }

    @Test
    void gemmEqualsReferenceForEveryOption() {
        int cases = 0;
        for (int size = 4; size <= 6; size++)
            for (int c = 1; c <= 3; c++)
                for (int k = 1; k <= 3; k++)
                    for (int s = 1; s <= 3; s++)
                        for (int dil = 1; dil <= 2; dil++)
                            for (Padding p : Padding.values()) {
                                if (p == Padding.VALID && (k - 1) * dil + 1 > size) continue;
                                ConvDemo d = ConvDemo.run(new DemoOptions(size, c, k, s, p, dil));
                                float[] ref = d.reference().data();
                                assertArrayEquals(ref, d.product(), () -> d.options() + "\n" + d.render());
                                cases++;
                            }
        assertTrue(cases > 250, "cases " + cases);
    }

    @Test
    void dilatedKernelTooLargeIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvDemo.run(DemoOptions.defaults().withDilation(2)));
        assertTrue(e.getMessage().contains("dilated kernel height 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.defaults().withChannels(0));
    }
}
