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
     * The grid of {@link #render(Tensor, String, KernelSlice, int, int, boolean)} with its rows and
     * columns numbered (filters on the left and input channels on top; in the wrapped layout the
     * left number is the first kernel of the row and the top one the step within it) and, when
     * {@code title} is set, the full title wrapped over as many lines as it needs. Depthwise
     * kernels are described as what they are: one kernel per input channel, times the depth
     * multiplier.
     *
     * @param kernel    the kernel {@code (kh, kw, cin, cout)} (depthwise: {@code (kh, kw, cin, multiplier)})
     * @param layer     the layer's name, for the title and errors
     * @param slice     which kernels; cut to {@link #MAX_FILTERS} x {@link #MAX_CHANNELS}
     * @param scale     pixels per weight, or 0 for automatic
     * @param gutter    pixels between kernels
     * @param title     whether to draw the title (left out anyway without fonts)
     * @param depthwise whether the kernel is a depthwise one (DepthwiseConv2D, SeparableConv2D)
     * @return the picture; cells are the kernels shown, in the same order as the plain grid's
     * @throws IllegalArgumentException if the kernel is not rank 4 or the slice's offsets are past its ends
     */
    public static Picture render(Tensor kernel, String layer, KernelSlice slice, int scale, int gutter, boolean title, boolean depthwise) {
        Picture grid = render(kernel, layer, slice, scale, gutter, false);
        if (!Text.available()) return grid;
        KernelSlice k = slice.clamp(kernel, layer, MAX_FILTERS, MAX_CHANNELS);
        int[] s = kernel.shape();
        boolean wrap = wraps(k);
        int count = k.filters() * k.channels();
        int gridCols = wrap ? Math.min(count, WRAP_COLUMNS) : k.channels();
        int gridRows = wrap ? (count + gridCols - 1) / gridCols : k.filters();
        int first = wrap ? (k.channels() == 1 ? k.filterOffset() : k.channelOffset()) : 0;
        java.util.function.IntFunction<String> rowLabel = r -> String.valueOf(wrap ? first + r * gridCols : k.filterOffset() + r);
        java.util.function.IntFunction<String> colLabel = c -> wrap ? "+" + c : String.valueOf(k.channelOffset() + c);
        int font = 9;
        int left = Text.width(rowLabel.apply(gridRows - 1), font, false) + 6, top = 12;
        String t = null;
        if (title) {
            String what = depthwise
                    ? "depthwise kernels " + s[0] + "x" + s[1] + ": " + s[2] + " input channels x depth multiplier " + s[3] + " = "
                    + KernelSlice.kernelCount(s) + " kernels, each channel filtered on its own"
                    : "kernels " + s[0] + "x" + s[1] + ": " + s[3] + " filters x " + s[2] + " input channels = " + KernelSlice.kernelCount(s) + " kernels";
            String layout = wrap ? (depthwise || k.filters() == 1 ? "input channels " + range(k.channelOffset(), k.channels()) : "filters " + range(k.filterOffset(), k.filters()))
                    + " left to right, numbered row start + column"
                    : (depthwise ? "rows = depth multipliers " : "rows = filters ") + range(k.filterOffset(), k.filters())
                    + ", columns = input channels " + range(k.channelOffset(), k.channels());
            float maxAbs = 0;
            for (int f = 0; f < k.filters(); f++) {
                for (int c = 0; c < k.channels(); c++) {
                    for (int p = 0; p < s[0] * s[1]; p++) maxAbs = Math.max(maxAbs, Math.abs(kernel.data()[(p * s[2] + k.channelOffset() + c) * s[3] + k.filterOffset() + f]));
                }
            }
            t = layer + "  " + what + "; " + layout + String.format(java.util.Locale.ROOT, "; blue < 0 < red, largest |weight| %.3g", maxAbs);
        }
        int width = Math.max(left + grid.width(), t == null ? 0 : 360);
        List<String> lines = t == null ? List.of() : wrapText(t, width - 8, 12);
        int titleH = lines.isEmpty() ? 0 : lines.size() * 16 + 6;
        BufferedImage img = Canvas.blank(width, titleH + top + grid.height(), Canvas.BACKGROUND);
        Graphics2D g = img.createGraphics();
        g.drawImage(grid.image(), left, titleH + top, null);
        for (int i = 0; i < lines.size(); i++) Text.draw(g, lines.get(i), 4, 14 + i * 16, 12, false, Canvas.INK, -1);
        int cellW = grid.cells().get(0).width, cellH = grid.cells().get(0).height;
        int colStep = labelStep(cellW + gutter, Text.width(colLabel.apply(gridCols - 1), font, false) + 3);
        for (int c = 0; c < gridCols; c += colStep) {
            int x = left + gutter + c * (cellW + gutter);
            Text.draw(g, colLabel.apply(c), x, titleH + top - 3, font, false, 0x555555, -1);
        }
        int rowStep = labelStep(cellH + gutter, 10);
        for (int r = 0; r < gridRows; r += rowStep) {
            int y = titleH + top + gutter + r * (cellH + gutter) + Math.min(cellH, 10) - 1;
            Text.draw(g, rowLabel.apply(r), 2, y, font, false, 0x555555, -1);
        }
        g.dispose();
        List<Rectangle> cells = new ArrayList<>();
        for (Rectangle r : grid.cells()) cells.add(new Rectangle(r.x + left, r.y + titleH + top, r.width, r.height));
        return new Picture(img, cells);
    }

    /** The smallest of 1, 2, 4, 5, 8, 10, 16, 20, 32 steps that leaves {@code need} pixels per label. */
    private static int labelStep(int pitch, int need) {
        for (int s : new int[] {1, 2, 4, 5, 8, 10, 16, 20, 32}) if (s * pitch >= need) return s;
        return 64;
    }

    /** Greedy word wrap of {@code s} into lines at most {@code width} pixels wide. */
    static List<String> wrapText(String s, int width, int size) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : s.split(" ")) {
            String next = line.isEmpty() ? w : line + " " + w;
            if (!line.isEmpty() && Text.width(next, size, false) > width) {
                out.add(line.toString());
                line = new StringBuilder(w);
            } else {
                line = new StringBuilder(next);
            }
        }
        if (!line.isEmpty()) out.add(line.toString());
        return out;
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
