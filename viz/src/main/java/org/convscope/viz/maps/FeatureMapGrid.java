package org.convscope.viz.maps;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;
import org.convscope.viz.render.Canvas;
import org.convscope.viz.render.MapScaling;
import org.convscope.viz.render.Picture;
import org.convscope.viz.render.Text;

/**
 * A grid of one layer's feature maps: channel {@code offset + i} goes to row {@code i / cols},
 * column {@code i % cols}; each map is scaled to its own min/max, bent by gamma and coloured.
 *
 * <p>Geometry, with cell width {@code cw = W·scale} and height {@code ch = H·scale}:
 * <pre>
 *   width  = cols·cw + (cols + 1)·gutter
 *   height = title + rows·ch + (rows + 1)·gutter
 *   cell i at x = gutter + (i % cols)·(cw + gutter),  y = title + gutter + (i / cols)·(ch + gutter)
 * </pre>
 * With {@code rows = 0} the grid has {@code ceil((C − offset) / cols)} rows; with more cells than
 * channels it shows what there is, dropping rows left wholly empty.
 */
public final class FeatureMapGrid {
    /** Height of the title band, when there is a title and fonts to draw it. */
    public static final int TITLE_HEIGHT = 26;
    private static final int TARGET_CELL = 128;

    private FeatureMapGrid() {}

    /**
     * {@return the automatic scale: the largest integer that keeps the map 128 pixels or less on its
     * longer side (at least 1, so maps larger than 128 are drawn at their own size)}
     *
     * @param h map height in pixels
     * @param w map width in pixels
     */
    public static int autoScale(int h, int w) {
        return Math.max(1, TARGET_CELL / Math.max(h, w));
    }

    /**
     * Renders the maps of one layer's output for one image. Cells past the last channel are filled
     * with {@link Canvas#EMPTY_CELL}; cells of at least {@link #LABEL_MIN_CELL} pixels get their
     * channel number.
     *
     * @param activation the layer's output, {@code [1, H, W, C]} or {@code [H, W, C]} (NHWC)
     * @param layerName  the layer's name, for the title and errors
     * @param o          the layout
     * @return the picture; cell {@code i} shows channel {@code o.offset() + i}
     * @throws IllegalArgumentException if the output is not one image, has no spatial axes, or the
     *                                  offset is past its channels
     */
    public static Picture render(Tensor activation, String layerName, FeatureMapOptions o) {
        int[] s = activation.shape();
        if (s.length == 4 && s[0] != 1) {
            throw new IllegalArgumentException("feature maps of '" + layerName + "': expected one image (batch 1), got shape " + Shapes.toString(s));
        }
        if (s.length != 3 && s.length != 4) {
            throw new IllegalArgumentException("feature maps of '" + layerName + "': expected an image-shaped output [1,H,W,C], got shape "
                    + Shapes.toString(s) + " (only layers with spatial outputs have feature maps)");
        }
        int h = s[s.length - 3], w = s[s.length - 2], c = s[s.length - 1];
        if (o.offset() >= c) {
            throw new IllegalArgumentException("feature maps of '" + layerName + "': offset " + o.offset() + " is past its " + c + " channels");
        }
        int available = c - o.offset();
        int cols = o.cols();
        int shown = o.rows() == 0 ? available : Math.min(available, o.rows() * cols);
        int rows = (shown + cols - 1) / cols;
        int scale = o.scale() == 0 ? autoScale(h, w) : o.scale();
        int cw = w * scale, ch = h * scale, g = o.gutter();
        String title = o.title() ? title(layerName, s, o.offset(), shown, c, o) : null;
        int titleH = title != null && Text.available() ? TITLE_HEIGHT : 0;
        int width = cols * cw + (cols + 1) * g;
        int height = titleH + rows * ch + (rows + 1) * g;
        BufferedImage img = Canvas.blank(width, height, Canvas.BACKGROUND);
        float[] data = activation.data();
        int[] rgb = new int[h * w];
        List<Rectangle> cells = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            int channel = o.offset() + i;
            float[] t = MapScaling.scaleChannel(data, channel, c, h * w, o.gamma());
            for (int p = 0; p < t.length; p++) rgb[p] = o.colormap().color(t[p]);
            int x = g + (i % cols) * (cw + g), y = titleH + g + (i / cols) * (ch + g);
            Canvas.blit(img, rgb, h, w, x, y, scale);
            cells.add(new Rectangle(x, y, cw, ch));
        }
        for (int i = shown; i < rows * cols; i++) {
            Canvas.fill(img, g + (i % cols) * (cw + g), titleH + g + (i / cols) * (ch + g), cw, ch, Canvas.EMPTY_CELL);
        }
        if (Math.min(cw, ch) >= LABEL_MIN_CELL && Text.available()) {
            Graphics2D gr = img.createGraphics();
            for (int i = 0; i < shown; i++) label(gr, cells.get(i), String.valueOf(o.offset() + i));
            gr.dispose();
        }
        if (titleH > 0) {
            Graphics2D gr = img.createGraphics();
            Text.draw(gr, Text.fit(title, width - 8, 13, false), 4, 18, 13, false, Canvas.INK, -1);
            gr.dispose();
        }
        return new Picture(img, cells);
    }

    /** Cells at least this many pixels on each side get their channel number in the top-left corner. */
    public static final int LABEL_MIN_CELL = 48;

    /** The channel number on a small translucent dark tab, readable on any colormap. */
    private static void label(Graphics2D g, Rectangle cell, String text) {
        int w = Text.width(text, 10, false) + 6;
        g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.55f));
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(cell.x, cell.y, w, 13);
        g.setComposite(java.awt.AlphaComposite.SrcOver);
        Text.draw(g, text, cell.x + 3, cell.y + 10, 10, false, 0xFFFFFF, -1);
    }

    private static String title(String layer, int[] shape, int offset, int shown, int c, FeatureMapOptions o) {
        String range = shown == c ? "all " + c + " channels" : "channels " + offset + "–" + (offset + shown - 1) + " of " + c;
        String extra = (o.gamma() != 1f ? ", gamma " + o.gamma() : "") + ", " + o.colormap().name();
        return layer + "  " + Shapes.toString(shape) + "  " + range + extra;
    }
}
