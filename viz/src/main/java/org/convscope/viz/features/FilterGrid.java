package org.convscope.viz.features;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.convscope.tensor.Tensor;
import org.convscope.viz.render.Canvas;
import org.convscope.viz.render.Picture;
import org.convscope.viz.render.Text;

/**
 * Draws filter pictures in a grid, filter {@code i} of the list at row {@code i / cols}, column
 * {@code i % cols}, with the same geometry as the feature-map grid (cells of {@code w·scale}, gutters
 * around and between, an optional title band). Images are [0,1]: one channel is drawn gray, three as
 * RGB, any other count as the mean of the channels; values outside [0, 1] are clipped.
 */
public final class FilterGrid {
    private static final int TITLE_HEIGHT = 26;

    private FilterGrid() {}

    /**
     * The colours of an image, for drawing.
     *
     * @param image an image {@code [1, h, w, c]} in [0, 1] (values outside are clipped); only the
     *              first batch item is read
     * @return h·w packed {@code 0xRRGGBB} values, row-major: RGB for 3 channels, gray (the mean of
     *         the channels) otherwise
     */
    public static int[] pixels(Tensor image) {
        int h = image.dim(1), w = image.dim(2), c = image.dim(3);
        float[] d = image.data();
        int[] rgb = new int[h * w];
        for (int p = 0; p < h * w; p++) {
            int r, g, b;
            if (c == 3) {
                r = byteOf(d[p * 3]);
                g = byteOf(d[p * 3 + 1]);
                b = byteOf(d[p * 3 + 2]);
            } else {
                float s = 0;
                for (int ch = 0; ch < c; ch++) s += d[p * c + ch];
                r = g = b = byteOf(s / c);
            }
            rgb[p] = r << 16 | g << 8 | b;
        }
        return rgb;
    }

    /** Cells at least this many pixels on each side get their label. */
    public static final int LABEL_MIN_CELL = 48;

    /** A label on a small translucent dark tab, readable on any picture. */
    private static void label(Graphics2D g, Rectangle cell, String text) {
        int w = Text.width(text, 10, false) + 6;
        g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.6f));
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(cell.x, cell.y, Math.min(w, cell.width), 13);
        g.setComposite(java.awt.AlphaComposite.SrcOver);
        Text.draw(g, text, cell.x + 3, cell.y + 10, 10, false, 0xFFFFFF, -1);
    }

    private static int byteOf(float v) { return Math.round(Math.max(0, Math.min(1, v)) * 255); }

    /**
     * One picture, enlarged {@code scale} times (nearest neighbour).
     *
     * @param image an image {@code [1, h, w, c]} in [0, 1]
     * @param scale pixels per image pixel, &gt;= 1
     * @return a new {@code (w·scale) × (h·scale)} image
     */
    public static BufferedImage single(Tensor image, int scale) {
        int h = image.dim(1), w = image.dim(2);
        BufferedImage img = Canvas.blank(w * scale, h * scale, Canvas.BACKGROUND);
        Canvas.blit(img, pixels(image), h, w, 0, 0, scale);
        return img;
    }

    /**
     * The grid. Cells left over in the last row are filled with the empty-cell colour.
     *
     * @param images the pictures, all of the first one's size; not empty
     * @param cols   columns (&gt;= 1); rows follow from the number of images
     * @param scale  pixels per image pixel; 0 = automatic (cells about 128 pixels)
     * @param gutter pixels between the cells and around the grid, &gt;= 0
     * @param title  a title line, or null for none (also left out when no font is available)
     * @return the image, with the rectangle of each picture's cell in list order
     * @throws IllegalArgumentException when {@code images} is empty or {@code cols} &lt; 1
     */
    public static Picture render(List<FilterVisualizer.FilterImage> images, int cols, int scale, int gutter, String title) {
        List<String> labels = new ArrayList<>();
        for (FilterVisualizer.FilterImage fi : images) labels.add(String.valueOf(fi.filter()));
        return render(images, cols, scale, gutter, title, labels);
    }

    /**
     * The grid with a label in the top-left corner of each cell (drawn when cells are at least
     * {@link #LABEL_MIN_CELL} pixels and fonts are available): the filter index, or a class name.
     *
     * @param images the pictures, all of the first one's size; not empty
     * @param cols   columns (&gt;= 1); rows follow from the number of images
     * @param scale  pixels per image pixel; 0 = automatic (cells about 128 pixels)
     * @param gutter pixels between the cells and around the grid, &gt;= 0
     * @param title  a title line, or null for none (also left out when no font is available)
     * @param labels one label per image (null or a shorter list: the rest unlabelled)
     * @return the image, with the rectangle of each picture's cell in list order
     * @throws IllegalArgumentException when {@code images} is empty or {@code cols} &lt; 1
     */
    public static Picture render(List<FilterVisualizer.FilterImage> images, int cols, int scale, int gutter, String title, List<String> labels) {
        if (images.isEmpty()) throw new IllegalArgumentException("no filter images to draw");
        if (cols < 1) throw new IllegalArgumentException("cols must be >= 1, got " + cols);
        Tensor first = images.get(0).image();
        int h = first.dim(1), w = first.dim(2);
        int s = scale > 0 ? scale : Math.max(1, 128 / Math.max(h, w));
        int rows = (images.size() + cols - 1) / cols, cw = w * s, ch = h * s;
        int titleH = title != null && Text.available() ? TITLE_HEIGHT : 0;
        int width = cols * cw + (cols + 1) * gutter, height = titleH + rows * ch + (rows + 1) * gutter;
        BufferedImage img = Canvas.blank(width, height, Canvas.BACKGROUND);
        List<Rectangle> cells = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            int x = gutter + (i % cols) * (cw + gutter), y = titleH + gutter + (i / cols) * (ch + gutter);
            Canvas.blit(img, pixels(images.get(i).image()), h, w, x, y, s);
            cells.add(new Rectangle(x, y, cw, ch));
        }
        for (int i = images.size(); i < rows * cols; i++) {
            Canvas.fill(img, gutter + (i % cols) * (cw + gutter), titleH + gutter + (i / cols) * (ch + gutter), cw, ch, Canvas.EMPTY_CELL);
        }
        if (titleH > 0) {
            Graphics2D g = img.createGraphics();
            Text.draw(g, Text.fit(title, width - 8, 13, false), 4, 18, 13, false, Canvas.INK, -1);
            g.dispose();
        }
        if (labels != null && Math.min(cw, ch) >= LABEL_MIN_CELL && Text.available()) {
            Graphics2D g = img.createGraphics();
            for (int i = 0; i < Math.min(labels.size(), cells.size()); i++) label(g, cells.get(i), Text.fit(labels.get(i), cw - 6, 10, false));
            g.dispose();
        }
        return new Picture(img, cells);
    }
}
