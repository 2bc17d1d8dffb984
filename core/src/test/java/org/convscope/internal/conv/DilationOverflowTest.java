package org.convscope.internal.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convscope.geometry.ConvGeometry;
import org.convscope.geometry.Padding;
import org.convscope.geometry.TransposeGeometry;
import org.convscope.layers.Conv2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A dilated kernel (k − 1)·d + 1 that passes 2^31 is an error naming the layer, never a wrapped size. */
class DilationOverflowTest {
    private static void tooLarge(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String p : parts) assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
    }

    @Test
    void hugeDilationIsRejectedWithTheLayersName() {
        int d = 1 << 30;   // kernel 3: (3 − 1)·2^30 + 1 = 2^31 + 1, one past Integer.MAX_VALUE + 1
        // same padding used to wrap kd to −2^31 + 1 and quietly use no padding at all
        tooLarge(() -> ConvGeometry.of("Conv2D 'wide'", 1, 8, 8, 1, 3, 3, new int[] {1, 1}, new int[] {d, 1}, Padding.SAME, 1),
                "Conv2D 'wide'", "2147483649", "too large");
        tooLarge(() -> ConvGeometry.of("Conv2D 'wide'", 1, 8, 8, 1, 3, 3, new int[] {1, 1}, new int[] {1, d}, Padding.VALID, 1),
                "Conv2D 'wide'", "2147483649");
        tooLarge(() -> TransposeGeometry.outputLength("Conv2DTranspose 'up'", "height", 4, 3, 1, d, Padding.VALID, null),
                "Conv2DTranspose 'up'", "2147483649");
        Conv2D conv = new Conv2D("dil", Tensor.zeros(3, 3, 1, 1), null, new int[] {1, 1}, Padding.SAME, new int[] {d, d}, 1, null);
        tooLarge(() -> conv.outputShape(List.of(new int[] {-1, 8, 8, 1})), "'dil'", "too large");
        tooLarge(() -> ConvGeometry.dilatedKernel(3, d), "2147483649");
    }

    @Test
    void largestSpanThatFitsIsExact() {
        // (2 − 1)·(2^31 − 2) + 1 = 2^31 − 1 = Integer.MAX_VALUE
        assertEquals(Integer.MAX_VALUE, ConvGeometry.dilatedKernel(2, Integer.MAX_VALUE - 1));
        assertEquals(9, ConvGeometry.dilatedKernel(3, 4));
    }
}
