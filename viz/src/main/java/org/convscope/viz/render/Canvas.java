package org.convscope.viz.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Small drawing helpers over an 8-bit RGB image. Colours are packed {@code 0xRRGGBB} ints;
 * coordinates are pixels with (0, 0) at the top left. The methods draw on the image they are given
 * and are not synchronised: one thread per image.
 */
public final class Canvas {
    /** The page background of every picture: white, {@code 0xFFFFFF}. */
    public static final int BACKGROUND = 0xFFFFFF;
    /** The colour of titles and labels: near-black, {@code 0x222222}. */
    public static final int INK = 0x222222;
    /** The fill of a grid cell that shows nothing (past the last channel): light gray, {@code 0xF0F0F0}. */
    public static final int EMPTY_CELL = 0xF0F0F0;

    private Canvas() {}

    /**
     * {@return a new {@code TYPE_INT_RGB} image filled with one colour} Makes AWT headless first.
     *
     * @param width  width in pixels, &gt;= 1
     * @param height height in pixels, &gt;= 1
     * @param rgb    the fill colour, {@code 0xRRGGBB}
     * @throws IllegalArgumentException if the size is empty or above 200 million pixels
     */
    public static BufferedImage blank(int width, int height, int rgb) {
        Headless.ensure();
        if (width <= 0 || height <= 0 || (long) width * height > 200_000_000L) {
            throw new IllegalArgumentException("picture size " + width + "x" + height + " is empty or too large; show fewer channels or a smaller scale");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(img, 0, 0, width, height, rgb);
        return img;
    }

    /**
     * Fills a rectangle (clipped to the image).
     *
     * @param img the image to draw on
     * @param x   left edge
     * @param y   top edge
     * @param w   width in pixels
     * @param h   height in pixels
     * @param rgb the colour, {@code 0xRRGGBB}
     */
    public static void fill(BufferedImage img, int x, int y, int w, int h, int rgb) {
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(rgb));
        g.fillRect(x, y, w, h);
        g.dispose();
    }

    /**
     * Paints an {@code h x w} grid of packed colours at (x0, y0), each value as a {@code scale x scale}
     * block (nearest-neighbour enlargement, so single pixels stay visible).
     *
     * @param img   the image to draw on; the enlarged grid must fit inside it
     * @param rgb   {@code h·w} packed colours, row by row
     * @param h     rows of the grid
     * @param w     columns of the grid
     * @param x0    left edge in {@code img}
     * @param y0    top edge in {@code img}
     * @param scale pixels per grid value along each axis, &gt;= 1
     * @throws ArrayIndexOutOfBoundsException if the enlarged grid does not fit the image
     */
    public static void blit(BufferedImage img, int[] rgb, int h, int w, int x0, int y0, int scale) {
        int[] row = new int[w * scale];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = rgb[y * w + x];
                for (int s = 0; s < scale; s++) row[x * scale + s] = c;
            }
            for (int s = 0; s < scale; s++) img.setRGB(x0, y0 + y * scale + s, w * scale, 1, row, 0, w * scale);
        }
    }

    /**
     * Draws a 1-pixel rectangle outline just inside the box {@code (x, y, w, h)}.
     *
     * @param img the image to draw on
     * @param x   left edge
     * @param y   top edge
     * @param w   width of the box, outline included
     * @param h   height of the box, outline included
     * @param rgb the colour, {@code 0xRRGGBB}
     */
    public static void outline(BufferedImage img, int x, int y, int w, int h, int rgb) {
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(rgb));
        g.drawRect(x, y, w - 1, h - 1);
        g.dispose();
    }
}
