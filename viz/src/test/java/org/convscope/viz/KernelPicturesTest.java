package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import org.convscope.tensor.Tensor;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.kernels.FilterPatches;
import org.convscope.viz.kernels.KernelCells;
import org.convscope.viz.kernels.KernelGrid;
import org.convscope.viz.kernels.KernelSlice;
import org.convscope.viz.render.Picture;
import org.junit.jupiter.api.Test;

class KernelPicturesTest {
    @Test
    void kernelCountIsFiltersTimesInputChannels() {
        assertEquals(48, KernelSlice.kernelCount(new int[]{3, 3, 3, 16}));
        assertEquals(64 * 32, KernelSlice.kernelCount(new int[]{5, 5, 32, 64}));
        Picture p = KernelGrid.render(Tensor.zeros(3, 3, 3, 16), "conv1", KernelSlice.all(), 2, 1, false);
        assertEquals(48, p.cells().size(), "16 filters x 3 channels drawn");
        // 3 columns of 6 px + 4 gutters; 16 rows of 6 px + 17 gutters
        assertEquals(3 * 6 + 4, p.width());
        assertEquals(16 * 6 + 17, p.height());
    }

    @Test
    void aSingleInputChannelIsWrappedIntoRowsOf16() {
        // 32 filters on a gray image: 2 rows of 16 kernels, filter i at row i / 16, column i % 16
        Tensor k = Tensor.zeros(3, 3, 1, 32);
        Picture p = KernelGrid.render(k, "conv1", KernelSlice.all(), 2, 1, false);
        assertEquals(32, p.cells().size());
        assertEquals(16 * 6 + 17, p.width());
        assertEquals(2 * 6 + 3, p.height());
        assertEquals(new Rectangle(1 + 3 * 7, 1 + 7, 6, 6), p.cells().get(19));
        assertEquals(KernelGrid.GUTTER, p.rgb(0, 0), "gutters are darker than a zero weight");
        // a depthwise kernel (3, 3, 20, 1): one filter, 20 channels -> 16 + 4
        Picture d = KernelGrid.render(Tensor.zeros(3, 3, 20, 1), "dw", KernelSlice.all(), 2, 1, false);
        assertEquals(2 * 6 + 3, d.height());
    }

    @Test
    void gridPutsFiltersInRowsAndChannelsInColumnsWithZeroAtTheMiddleColour() {
        // 1x1 kernels, 2 input channels, 3 filters: k[c][f] = (f - 1) * (c + 1) -> -1,0,1 / -2,0,2
        Tensor k = Tensor.zeros(1, 1, 2, 3);
        for (int c = 0; c < 2; c++) for (int f = 0; f < 3; f++) k.set((f - 1) * (c + 1), 0, 0, c, f);
        Picture p = KernelGrid.render(k, "conv", KernelSlice.all(), 4, 1, false);
        Colormap d = Colormap.named("diverging");
        Rectangle f0c1 = p.cells().get(1), f1c0 = p.cells().get(2), f2c1 = p.cells().get(5);
        assertEquals(new Rectangle(1 + 5, 1, 4, 4), f0c1, "filter 0, channel 1 is row 0, column 1");
        assertEquals(d.color(0f), p.rgb(f0c1.x, f0c1.y), "-2 = -max|k| -> the blue end");
        assertEquals(d.color(0.5f), p.rgb(f1c0.x, f1c0.y), "0 -> the middle");
        assertEquals(d.color(1f), p.rgb(f2c1.x, f2c1.y), "+2 -> the red end");
        // a slice: filters 1..2, channel 1 only
        Picture s = KernelGrid.render(k, "conv", new KernelSlice(1, 2, 1, 1), 4, 1, false);
        assertEquals(2, s.cells().size());
        assertEquals(d.color(1f), s.rgb(s.cells().get(1).x, s.cells().get(1).y));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelGrid.render(k, "conv", new KernelSlice(3, 0, 0, 0), 4, 1, false));
        assertTrue(e.getMessage().contains("3 filters"), e.getMessage());
        assertEquals(-2f, KernelGrid.kernel(k, 0, 1)[0][0]);
    }

    @Test
    void firstLayerFiltersBecomeRgbPatches() {
        // one 1x1 filter with weights (R, G, B) = (1, -1, 0); the layer range is [-1, 1]
        Tensor k = Tensor.of(new float[]{1, -1, 0}, 1, 1, 3, 1);
        Picture p = FilterPatches.render(k, "conv1", 8, 3, 1);
        Rectangle r = p.cells().get(0);
        assertEquals(0xFF0080, p.rgb(r.x, r.y)); // (1, 0, 0.5) -> 255, 0, 128
    }

    @Test
    void kernelCellsFlipLabelColourOnDarkCells() {
        Colormap d = Colormap.named("diverging");
        assertEquals(0xFFFFFF, Colormap.labelColorOn(d.color(0f)), "white on the dark blue end");
        assertEquals(0xFFFFFF, Colormap.labelColorOn(d.color(1f)), "white on the dark red end");
        assertEquals(0x000000, Colormap.labelColorOn(d.color(0.5f)), "black on the light middle");
        assertEquals(0x000000, Colormap.labelColorOn(0xFDE725), "black on viridis yellow");
        Picture p = KernelCells.render(new float[][]{{-1, 0}, {0, 1}}, null);
        assertEquals(4, p.cells().size());
        assertEquals(d.color(0f), p.rgb(p.cells().get(0).x + 3, p.cells().get(0).y + 3));
        assertEquals("-1", KernelCells.label(-1f, true));
        assertEquals("0.25", KernelCells.label(0.25f, false));
        assertEquals("0.0625", KernelCells.label(0.0625f, false));
        assertEquals("-0.123", KernelCells.label(-0.12345f, false));
        assertEquals("12.3", KernelCells.label(12.34f, false));
        assertEquals("-0.077", KernelCells.label(-0.0774123f, false));
        assertEquals("0", KernelCells.label(0.0001234f, false));
        assertEquals("0", KernelCells.label(-0.0f, false));
    }
}
