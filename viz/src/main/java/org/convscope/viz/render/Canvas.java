package org.convscope.viz.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Small drawing helpers over an 8-bit RGB image. */
public final class Canvas {
    /** Page background and text colours used by every picture. */
    public static final int BACKGROUND = 0xFFFFFF, INK = 0x222222, EMPTY_CELL = 0xF0F0F0;

    private Canvas() {}

    /** A new RGB image filled with {@code rgb}. */
    public static BufferedImage blank(int width, int height, int rgb) {
        Headless.ensure();
        if (width <= 0 || height <= 0 || (long) width * height > 200_000_000L) {
            throw new IllegalArgumentException("picture size " + width + "x" + height + " is empty or too large; show fewer channels or a smaller scale");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(img, 0, 0, width, height, rgb);
        return img;
    }

    /** Fills a rectangle. */
    public static void fill(BufferedImage img, int x, int y, int w, int h, int rgb) {
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(rgb));
        g.fillRect(x, y, w, h);
        g.dispose();
    }

    /**
     * Paints an {@code h x w} grid of packed colours at (x0, y0), each value as a {@code scale x scale}
     * block (nearest-neighbour enlargement, so single pixels stay visible).
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

    /** Draws a 1-pixel rectangle outline. */
    public static void outline(BufferedImage img, int x, int y, int w, int h, int rgb) {
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(rgb));
        g.drawRect(x, y, w - 1, h - 1);
        g.dispose();
    }
}
