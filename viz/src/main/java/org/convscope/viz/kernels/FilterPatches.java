package org.convscope.viz.kernels;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;
import org.convscope.viz.render.Canvas;
import org.convscope.viz.render.Picture;

/**
 * The filters of a first layer on an RGB image, each shown as a small colour picture: the filter's
 * three kernels become its red, green and blue channels. All weights share one scale,
 * {@code (k − min) / (max − min)} over the layer, so a mid-gray patch is a filter near 0 and a
 * saturated colour is a filter that reacts to that colour.
 */
public final class FilterPatches {
    private FilterPatches() {}

    /**
     * Renders every filter of a first-layer kernel as an RGB patch, left to right and top to bottom.
     *
     * @param kernel the kernel {@code (kh, kw, 3, cout)}: three input channels, read as R, G, B
     * @param layer  the layer's name, for the error message
     * @param cols   patches per row, &gt;= 1
     * @param scale  pixels per weight, or 0 for automatic (about 48 pixels per patch, at least 4 per weight)
     * @param gutter pixels of background between and around the patches
     * @return the picture; cell {@code f} is filter {@code f}'s patch
     * @throws IllegalArgumentException if the kernel is not rank 4 with 3 input channels
     */
    public static Picture render(Tensor kernel, String layer, int cols, int scale, int gutter) {
        int[] s = kernel.shape();
        if (s.length != 4 || s[2] != 3) {
            throw new IllegalArgumentException("RGB filter patches of '" + layer + "' need a kernel of shape (kh, kw, 3, cout), got " + Shapes.toString(s));
        }
        int kh = s[0], kw = s[1], cout = s[3];
        int sc = scale == 0 ? Math.max(4, 48 / Math.max(kh, kw)) : scale;
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float v : kernel.data()) { min = Math.min(min, v); max = Math.max(max, v); }
        float range = max - min;
        int rows = (cout + cols - 1) / cols;
        int cw = kw * sc, ch = kh * sc;
        BufferedImage img = Canvas.blank(Math.min(cols, cout) * cw + (Math.min(cols, cout) + 1) * gutter, rows * ch + (rows + 1) * gutter, Canvas.BACKGROUND);
        int[] rgb = new int[kh * kw];
        List<Rectangle> cells = new ArrayList<>();
        for (int f = 0; f < cout; f++) {
            for (int p = 0; p < kh * kw; p++) {
                int packed = 0;
                for (int c = 0; c < 3; c++) {
                    float v = kernel.data()[(p * 3 + c) * cout + f];
                    float t = range > 0 ? (v - min) / range : 0.5f;
                    packed = (packed << 8) | Math.round(t * 255f);
                }
                rgb[p] = packed;
            }
            int x = gutter + (f % cols) * (cw + gutter), y = gutter + (f / cols) * (ch + gutter);
            Canvas.blit(img, rgb, kh, kw, x, y, sc);
            cells.add(new Rectangle(x, y, cw, ch));
        }
        return new Picture(img, cells);
    }
}
