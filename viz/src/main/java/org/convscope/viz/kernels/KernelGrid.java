package org.convscope.viz.kernels;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.render.Canvas;
import org.convscope.viz.render.Picture;
import org.convscope.viz.render.Text;

/**
 * All kernels of a convolution layer (or a slice of them) as a grid: one row per filter, one column
 * per input channel, each kernel {@code kh x kw} cells in the diverging colormap centred on 0.
 *
 * <p>Colours share one scale across the grid, {@code t = 0.5 + 0.5 · k / max|k|} over the kernels
 * shown, so kernels can be compared: blue is negative, light gray 0, red positive.
 * Cell {@code (f, c)} of the slice sits at
 * {@code x = gutter + c·(kw·scale + gutter)}, {@code y = title + gutter + f·(kh·scale + gutter)}.
 */
public final class KernelGrid {
    /** Height of the title strip above the grid, in pixels (0 is used without a title or fonts). */
    public static final int TITLE_HEIGHT = 26;
    /** The most filters (rows) a grid shows; a larger slice is cut. */
    public static final int MAX_FILTERS = 32;
    /** The most input channels (columns) a grid shows; a larger slice is cut. */
    public static final int MAX_CHANNELS = 32;

    private KernelGrid() {}

    /**
     * {@return the automatic scale for large grids: kernels drawn about 24 pixels wide, 2 to 12
     * pixels per weight (1x1 kernels stay small)}
     *
     * @param kh kernel height
     * @param kw kernel width
     */
    public static int autoScale(int kh, int kw) {
        return Math.max(2, Math.min(12, 24 / Math.max(kh, kw)));
    }

    /** Columns of the wrapped layout used when the slice has a single filter or a single input channel. */
    public static final int WRAP_COLUMNS = 16;
    /** Colour of the gutters between kernels (darker than the light gray of 0, so kernels stay apart). */
    public static final int GUTTER = 0xA8A8A8;

    /**
     * True when the slice is one row or one column of kernels (one input channel, as on a gray
     * image, or one filter, as in a depthwise layer): it is then wrapped into rows of
     * {@link #WRAP_COLUMNS} kernels, read left to right, top to bottom.
     *
     * @param shown the slice after {@link KernelSlice#clamp}
     * @return whether {@link #render} wraps it
     */
    public static boolean wraps(KernelSlice shown) {
        return (shown.filters() == 1 || shown.channels() == 1) && Math.max(shown.filters(), shown.channels()) > 1;
    }

    /**
     * Renders a slice of a layer's kernels as a grid (layout in the class comment; wrapped as
     * {@link #wraps} says), on {@link #GUTTER}-coloured lines, with an optional title line giving
     * the counts and the colour scale.
     *
     * @param kernel the kernel {@code (kh, kw, cin, cout)}
     * @param layer  the layer's name, for the title and errors
     * @param slice  which kernels; cut to {@link #MAX_FILTERS} x {@link #MAX_CHANNELS}
     * @param scale  pixels per weight, or 0 for automatic (larger for 64 kernels or fewer)
     * @param gutter pixels between kernels
     * @param title  whether to draw the title line (left out anyway without fonts)
     * @return the picture; cells are the kernels shown, filter by filter, channel by channel
     * @throws IllegalArgumentException if the kernel is not rank 4 or the slice's offsets are past its ends
     */
    public static Picture render(Tensor kernel, String layer, KernelSlice slice, int scale, int gutter, boolean title) {
        KernelSlice k = slice.clamp(kernel, layer, MAX_FILTERS, MAX_CHANNELS);
        int[] s = kernel.shape();
        int kh = s[0], kw = s[1], cin = s[2], cout = s[3];
        int count = k.filters() * k.channels();
        int sc = scale == 0 ? (count <= 64 ? Math.max(2, 40 / Math.max(kh, kw)) : autoScale(kh, kw)) : scale;
        boolean wrap = wraps(k);
        int gridCols = wrap ? Math.min(count, WRAP_COLUMNS) : k.channels();
        int gridRows = wrap ? (count + gridCols - 1) / gridCols : k.filters();
        float[] d = kernel.data();
        float maxAbs = 0;
        for (int f = 0; f < k.filters(); f++) {
            for (int c = 0; c < k.channels(); c++) {
                for (int p = 0; p < kh * kw; p++) maxAbs = Math.max(maxAbs, Math.abs(d[(p * cin + k.channelOffset() + c) * cout + k.filterOffset() + f]));
            }
        }
        String layout = wrap ? (k.channels() == 1 ? "filters " + range(k.filterOffset(), k.filters()) + " of input channel " + k.channelOffset()
                : "input channels " + range(k.channelOffset(), k.channels()) + " of filter " + k.filterOffset()) + ", left to right"
                : (k.filters() < cout || k.channels() < cin
                ? "filters " + range(k.filterOffset(), k.filters()) + " (rows) x channels " + range(k.channelOffset(), k.channels()) + " (columns)"
                : "rows = filters, columns = input channels");
        String t = title ? layer + "  kernels " + kh + "x" + kw + ": " + cout + " filters x " + cin + " input channels = "
                + KernelSlice.kernelCount(s) + " kernels; " + layout
                + String.format(java.util.Locale.ROOT, "; blue < 0 < red, |max| %.3g", maxAbs) : null;
        int cellW = kw * sc, cellH = kh * sc;
        int gridW = gridCols * cellW + (gridCols + 1) * gutter;
        int titleH = t != null && Text.available() ? TITLE_HEIGHT : 0;
        int minWidth = titleH > 0 ? Math.min(900, Text.width(t, 13, false) + 8) : 0;
        int width = Math.max(gridW, minWidth);
        int gridH = gridRows * cellH + (gridRows + 1) * gutter;
        BufferedImage img = Canvas.blank(width, titleH + gridH, Canvas.BACKGROUND);
        Canvas.fill(img, 0, titleH, gridW, gridH, GUTTER);
        Colormap map = Colormap.named("diverging");
        int[] rgb = new int[kh * kw];
        List<Rectangle> cells = new ArrayList<>();
        int i = 0;
        for (int f = 0; f < k.filters(); f++) {
            for (int c = 0; c < k.channels(); c++, i++) {
                for (int p = 0; p < kh * kw; p++) {
                    float v = d[(p * cin + k.channelOffset() + c) * cout + k.filterOffset() + f];
                    rgb[p] = map.color(centred(v, maxAbs));
                }
                int col = wrap ? i % gridCols : c, row = wrap ? i / gridCols : f;
                int x = gutter + col * (cellW + gutter), y = titleH + gutter + row * (cellH + gutter);
                Canvas.blit(img, rgb, kh, kw, x, y, sc);
                cells.add(new Rectangle(x, y, cellW, cellH));
            }
        }
        if (titleH > 0) {
            Graphics2D g = img.createGraphics();
            Text.draw(g, Text.fit(t, width - 8, 13, false), 4, 18, 13, false, Canvas.INK, -1);
            g.dispose();
        }
        return new Picture(img, cells);
    }

    /**
     * {@return a signed value mapped to [0, 1] with 0 at the middle, {@code 0.5 + 0.5 · v / maxAbs}
     * clamped; 0.5 when {@code maxAbs} is not positive}
     *
     * @param v      the weight
     * @param maxAbs the largest |weight| on the same scale
     */
    public static float centred(float v, float maxAbs) {
        if (!(maxAbs > 0)) return 0.5f;
        return Math.max(0f, Math.min(1f, 0.5f + 0.5f * v / maxAbs));
    }

    private static String range(int from, int n) {
        return n == 1 ? String.valueOf(from) : from + "–" + (from + n - 1);
    }

    /**
     * {@return one kernel of a kernel tensor as a new {@code [kh][kw]} array of numbers}
     *
     * @param kernel  the kernel tensor {@code (kh, kw, cin, cout)}
     * @param filter  the filter (output channel), {@code 0 <= filter < cout}
     * @param channel the input channel, {@code 0 <= channel < cin}
     * @throws IllegalArgumentException if the tensor is not rank 4 or the indices are outside it
     */
    public static float[][] kernel(Tensor kernel, int filter, int channel) {
        int[] s = kernel.shape();
        KernelSlice.requireKernelShape("kernel", s);
        if (filter < 0 || filter >= s[3] || channel < 0 || channel >= s[2]) {
            throw new IllegalArgumentException("kernel (filter " + filter + ", input channel " + channel + ") is outside a kernel tensor of shape "
                    + Shapes.toString(s) + " (" + s[3] + " filters, " + s[2] + " input channels)");
        }
        float[][] k = new float[s[0]][s[1]];
        for (int y = 0; y < s[0]; y++) for (int x = 0; x < s[1]; x++) k[y][x] = kernel.get(y, x, channel, filter);
        return k;
    }
}
