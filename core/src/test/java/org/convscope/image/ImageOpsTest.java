package org.convscope.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ImageOpsTest {
    @Test
    void cropTakesTheWindowLikeNumpySlicing() {
        // arange(4x5): row r, column c holds 5r + c; rows 1..3, columns 2..4 -> 7, 8, 12, 13
        Tensor t = Tensor.arange(1, 4, 5, 1);
        Tensor c = ImageOps.cropRange(t, 1, 3, 2, 4);
        assertArrayEquals(new int[]{1, 2, 2, 1}, c.shape());
        assertArrayEquals(new float[]{7, 8, 12, 13}, c.data());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageOps.crop(t, 3, 0, 2, 2));
        assertTrue(e.getMessage().contains("4x5"), e.getMessage());
    }

    @Test
    void centerSquareAndChannelConversions() {
        Tensor t = Tensor.arange(1, 2, 4, 1);
        assertArrayEquals(new float[]{1, 2, 5, 6}, ImageOps.centerSquare(t).data());
        Tensor rgb = Tensor.of(new float[]{1, 0, 0, 0, 1, 0}, 1, 1, 2, 3);
        assertArrayEquals(new float[]{0.2989f, 0.5870f}, ImageOps.toGray(rgb).data(), 1e-7f);
        assertArrayEquals(new float[]{0.5f, 0.5f, 0.5f}, ImageOps.toRgb(Tensor.full(0.5f, 1, 1, 1, 1)).data());
        assertArrayEquals(new float[]{0f, 2f}, ImageOps.affine(Tensor.of(new float[]{0.5f, 1.5f}, 2), 2, -1).data());
    }
}
