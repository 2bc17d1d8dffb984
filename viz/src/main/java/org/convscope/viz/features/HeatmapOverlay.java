package org.convscope.viz.features;

import java.awt.image.BufferedImage;
import org.convscope.tensor.Tensor;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.render.Canvas;

/**
 * A heatmap laid over its image: each pixel is {@code (1 − a)·image + a·colormap(heat)} with
 * {@code a = opacity·heat}, so cold regions show the image and hot regions the colour.
 * Used for saliency and Grad-CAM maps.
 */
public final class HeatmapOverlay {
    private HeatmapOverlay() {}

    /**
     * Draws the heatmap over the image.
     *
     * @param image   {@code [1, H, W, C]} in [0, 1] (gray or RGB)
     * @param heat    {@code [1, H, W, 1]} in [0, 1] (values outside are clipped)
     * @param map     the colours for the heat
     * @param scale   enlargement (nearest neighbour), &gt;= 1
     * @param opacity the colour's weight where heat is 1 (for example 0.6)
     * @return a new {@code (W·scale) × (H·scale)} image
     * @throws IllegalArgumentException with both sizes when the heatmap's height or width differs
     *                                  from the image's
     */
    public static BufferedImage render(Tensor image, Tensor heat, Colormap map, int scale, float opacity) {
        int h = image.dim(1), w = image.dim(2);
        if (heat.dim(1) != h || heat.dim(2) != w) {
            throw new IllegalArgumentException("heatmap " + heat.dim(1) + "x" + heat.dim(2) + " does not match the image " + h + "x" + w);
        }
        int[] base = FilterGrid.pixels(image), out = new int[h * w];
        for (int p = 0; p < h * w; p++) {
            float t = Math.max(0, Math.min(1, heat.data()[p]));
            int c = map.color(t), b = base[p];
            float a = opacity * t;
            int r = mix(b >> 16 & 255, c >> 16 & 255, a), g = mix(b >> 8 & 255, c >> 8 & 255, a), bl = mix(b & 255, c & 255, a);
            out[p] = r << 16 | g << 8 | bl;
        }
        BufferedImage img = Canvas.blank(w * scale, h * scale, Canvas.BACKGROUND);
        Canvas.blit(img, out, h, w, 0, 0, scale);
        return img;
    }

    private static int mix(int a, int b, float t) { return Math.round(a * (1 - t) + b * t); }
}
