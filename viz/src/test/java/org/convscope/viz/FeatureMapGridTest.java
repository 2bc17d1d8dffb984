package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import org.convscope.tensor.Tensor;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.maps.FeatureMapGrid;
import org.convscope.viz.maps.FeatureMapOptions;
import org.convscope.viz.render.MapScaling;
import org.convscope.viz.render.Picture;
import org.junit.jupiter.api.Test;

/** Grid geometry and pixels on synthetic maps whose scaled values are known. */
class FeatureMapGridTest {
    /**
     * [1, 2, 3, C]: in channel c the pixel (y, x) holds c·100 + (y·3 + x), so every map scales
     * to t = (y·3 + x) / 5 whatever its channel.
     */
    private static Tensor ramps(int c) {
        Tensor t = Tensor.zeros(1, 2, 3, c);
        for (int ch = 0; ch < c; ch++) for (int y = 0; y < 2; y++) for (int x = 0; x < 3; x++) t.set(ch * 100 + y * 3 + x, 0, y, x, ch);
        return t;
    }

    private static FeatureMapOptions plain() {
        return FeatureMapOptions.defaults().withTitle(false).withColormap(Colormap.named("gray")).withScale(2).withGutter(1);
    }

    @Test
    void geometryFollowsTheFormula() {
        // 10 channels, cols 4, rows as needed = 3; cell 3·2 x 2·2 = 6x4; gutter 1
        Picture p = FeatureMapGrid.render(ramps(10), "conv", plain().withCols(4));
        assertEquals(4 * 6 + 5, p.width());
        assertEquals(3 * 4 + 4, p.height());
        assertEquals(10, p.cells().size());
        assertEquals(new Rectangle(1, 1, 6, 4), p.cells().get(0));
        assertEquals(new Rectangle(1 + 1 * 7, 1 + 2 * 5, 6, 4), p.cells().get(9)); // row 2, col 1
        assertEquals(0xFFFFFF, p.rgb(0, 0), "outer gutter is background");
        assertEquals(0xFFFFFF, p.rgb(7, 2), "gutter between columns 0 and 1");
        assertEquals(0xF0F0F0, p.rgb(1 + 2 * 7, 1 + 2 * 5), "cells past the last channel are marked empty");
    }

    @Test
    void pixelsAreEachMapScaledToItsOwnRange() {
        Picture p = FeatureMapGrid.render(ramps(3), "conv", plain().withCols(3));
        Colormap gray = Colormap.named("gray");
        for (int i = 0; i < 3; i++) {
            Rectangle r = p.cells().get(i);
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    int expected = gray.color((y * 3 + x) / 5f);
                    // each map pixel is a 2x2 block
                    assertEquals(expected, p.rgb(r.x + 2 * x, r.y + 2 * y), "channel " + i + " pixel " + y + "," + x);
                    assertEquals(expected, p.rgb(r.x + 2 * x + 1, r.y + 2 * y + 1));
                }
            }
        }
        assertEquals(0x000000, p.rgb(1, 1), "minimum -> first colour");
        assertEquals(0xFFFFFF, p.rgb(1 + 5, 1 + 3), "maximum -> last colour");
    }

    @Test
    void rowsColsAndOffsetPickTheChannels() {
        // channel c holds the constant c except one pixel c+1: scaled maps are identical, so mark
        // channels instead by putting the maximum at pixel x = c % 3 (row 0)
        Tensor t = Tensor.zeros(1, 1, 3, 8);
        for (int c = 0; c < 8; c++) t.set(1f, 0, 0, c % 3, c);
        Picture p = FeatureMapGrid.render(t, "conv", plain().withRows(1).withCols(2).withOffset(4));
        assertEquals(2, p.cells().size(), "rows 1 x cols 2 shows 2 channels");
        // cell 0 shows channel 4 (bright pixel at x = 1), cell 1 channel 5 (x = 2)
        Rectangle a = p.cells().get(0), b = p.cells().get(1);
        assertEquals(0xFFFFFF, p.rgb(a.x + 2, a.y));
        assertEquals(0x000000, p.rgb(a.x, a.y));
        assertEquals(0xFFFFFF, p.rgb(b.x + 4, b.y));
        // fewer channels than rows x cols: offset 6 leaves 2 channels for a 3x4 grid -> one row
        Picture q = FeatureMapGrid.render(t, "conv", plain().withRows(3).withCols(4).withOffset(6));
        assertEquals(2, q.cells().size());
        assertEquals(1 * 2 + 2, q.height());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureMapGrid.render(t, "conv", plain().withOffset(8)));
        assertTrue(e.getMessage().contains("offset 8") && e.getMessage().contains("8 channels"), e.getMessage());
    }

    @Test
    void gammaBendsTheScaledValues() {
        assertEquals(0.25f, MapScaling.gamma(0.5f, 2f), 1e-7f);
        assertEquals(0.5f, MapScaling.gamma(0.25f, 0.5f), 1e-7f);
        assertEquals(0f, MapScaling.gamma(-0.3f, 0.5f), "negatives are guarded");
        assertEquals(0f, MapScaling.gamma(Float.NaN, 2f));
        float[] s = MapScaling.scaleChannel(new float[]{-2, 0, 2}, 0, 1, 3, 2f);
        assertEquals(0f, s[0]);
        assertEquals(0.25f, s[1], 1e-7f);
        assertEquals(1f, s[2]);
        float[] flat = MapScaling.scaleChannel(new float[]{3, 3}, 0, 1, 2, 1f);
        assertEquals(0f, flat[0] + flat[1], "a constant map is all 0");
        // in the picture: the middle value 2/5 of ramp pixel 2 becomes (2/5)^2
        Picture p = FeatureMapGrid.render(ramps(1), "conv", plain().withGamma(2f));
        Rectangle r = p.cells().get(0);
        assertEquals(Colormap.named("gray").color(0.16f), p.rgb(r.x + 4, r.y));
    }

    @Test
    void titleAddsABandAndAutoScaleEnlargesSmallMaps() {
        Picture p = FeatureMapGrid.render(ramps(2), "block1_conv", FeatureMapOptions.defaults().withCols(2));
        int scale = FeatureMapGrid.autoScale(2, 3);
        assertEquals(42, scale); // 128 / 3
        int titled = org.convscope.viz.render.Text.available() ? FeatureMapGrid.TITLE_HEIGHT : 0;
        assertEquals(titled + 2 * scale + 2 * 2, p.height());
        assertThrows(IllegalArgumentException.class, () -> FeatureMapGrid.render(Tensor.zeros(1, 5), "dense", plain()));
    }
}
