package org.convscope.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Shapes#size} must never wrap around: a wrapped product let impossible shapes through. */
class ShapesSizeTest {
    private static void tooBig(Runnable r, String shape) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(shape) && e.getMessage().contains("more than a Java array can hold"), e.getMessage());
    }

    @Test
    void productsThatOverflowALongAreRejected() {
        // 2^20 · 2^20 · 2^24 = 2^64, which wraps to 0 in a long: it used to match an empty array.
        tooBig(() -> Tensor.of(new float[0], 1 << 20, 1 << 20, 1 << 24), "(1048576, 1048576, 16777216)");
        tooBig(() -> Shapes.size(new int[] {1 << 30, 1 << 30, 1 << 30, 8}), "(1073741824, 1073741824, 1073741824, 8)");
        tooBig(() -> Tensor.zeros(1 << 16, 1 << 16), "(65536, 65536)");
    }

    @Test
    void exactSizes() {
        assertEquals(1, Shapes.size(new int[0]));
        assertEquals(24, Shapes.size(new int[] {2, 3, 4}));
        assertEquals(1L << 62, Shapes.size(new int[] {1 << 30, 1 << 30, 4}));
        // a zero anywhere makes the tensor empty, however large the other dimensions
        assertEquals(0, Shapes.size(new int[] {1 << 30, 1 << 30, 1 << 30, 0}));
        assertEquals(0, Tensor.of(new float[0], 1 << 30, 0, 1 << 30).size());
    }
}
