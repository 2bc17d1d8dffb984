package org.convscope.viz.kernels;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.render.Canvas;
import org.convscope.viz.render.Picture;
import org.convscope.viz.render.Text;

/**
 * One kernel drawn large with its numbers written in its cells — the picture of a lesson's
 * "this is what the filter multiplies". Cells use the diverging colormap centred on 0
 * ({@link KernelGrid#centred}); each label is black on light cells and white on dark ones
 * ({@link Colormap#labelColorOn}).
 */
public final class KernelCells {
    /** Side of one kernel cell, in pixels. */
    public static final int CELL = 56;
    /** Height of the title strip above the cells, in pixels (0 is used when there is no title or no font). */
    public static final int TITLE_HEIGHT = 24;

    private KernelCells() {}

    /**
     * Renders one kernel, one {@link #CELL}-pixel square per weight with its value written in it
     * (whole numbers when every weight is one, else see {@link #label}).
     *
     * @param k     the kernel, {@code k[row][col]}, at least one row, all rows of the same length
     * @param title a title above the cells, or null for none
     * @return the picture; cells are the weights row by row
     * @throws IllegalArgumentException if the rows have different lengths
     */
    public static Picture render(float[][] k, String title) {
        int kh = k.length, kw = k[0].length;
        float maxAbs = 0;
        boolean integers = true;
        for (float[] row : k) {
            if (row.length != kw) throw new IllegalArgumentException("kernel rows have different lengths");
            for (float v : row) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
                integers &= v == Math.rint(v) && Math.abs(v) < 1e6;
            }
        }
        int titleH = title != null && Text.available() ? TITLE_HEIGHT : 0;
        int width = Math.max(kw * CELL + 1, titleH > 0 ? Text.width(title, 13, true) + 8 : 0);
        int x0 = (width - kw * CELL) / 2;
        BufferedImage img = Canvas.blank(width, titleH + kh * CELL + 1, Canvas.BACKGROUND);
        Colormap map = Colormap.named("diverging");
        List<Rectangle> cells = new ArrayList<>();
        Graphics2D g = img.createGraphics();
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                int rgb = map.color(KernelGrid.centred(k[y][x], maxAbs));
                int cx = x0 + x * CELL, cy = titleH + y * CELL;
                Canvas.fill(img, cx, cy, CELL, CELL, rgb);
                Canvas.outline(img, cx, cy, CELL + 1, CELL + 1, 0x999999);
                String label = label(k[y][x], integers);
                int size = label.length() <= 4 ? 14 : label.length() <= 6 ? 12 : 10; // long numbers get a smaller font to fit the cell
                Text.drawCentered(g, label, cx, cy, CELL, CELL, size, label.length() <= 5, Colormap.labelColorOn(rgb));
                cells.add(new Rectangle(cx, cy, CELL, CELL));
            }
        }
        if (titleH > 0) Text.draw(g, title, width / 2, 17, 13, true, Canvas.INK, 0);
        g.dispose();
        return new Picture(img, cells);
    }

    /**
     * The number written in a cell: whole numbers as such; short exact decimals as written (the
     * blur kernel's 0.0625); other values to 3 significant digits and at most 3 decimals
     * (-0.0774 → -0.077, 0.15123 → 0.151, 12.345 → 12.3), so labels stay short enough for a cell.
     *
     * @param v        the weight
     * @param integers true when every weight of the kernel is a whole number: {@code v} is then
     *                 written without decimals
     * @return the label; NaN and infinities as Java writes them
     */
    public static String label(float v, boolean integers) {
        if (integers) return String.valueOf((long) v);
        if (v == 0 || !Float.isFinite(v)) return v == 0 ? "0" : String.valueOf(v);
        BigDecimal exact = new BigDecimal(Float.toString(v));
        if (exact.stripTrailingZeros().scale() <= 4 && exact.abs().compareTo(BigDecimal.TEN) < 0) return exact.stripTrailingZeros().toPlainString();
        BigDecimal b = exact.round(new MathContext(3, RoundingMode.HALF_EVEN));
        if (b.scale() > 3) b = b.setScale(3, RoundingMode.HALF_EVEN);
        b = b.stripTrailingZeros();
        String out = b.toPlainString();
        return out.equals("-0") ? "0" : out;
    }
}
