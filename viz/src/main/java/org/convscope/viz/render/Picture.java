package org.convscope.viz.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A rendered picture and where its cells are: {@code cells.get(i)} is the rectangle holding the
 * i-th item shown (a channel, a kernel, a stage), in pixels of {@code image}. Tests and the HTML
 * report use the cells to find an item in the picture.
 *
 * @param image the picture, 8-bit RGB; the record shares it (not copied)
 * @param cells one rectangle per item shown, in the order of the items
 */
public record Picture(BufferedImage image, List<Rectangle> cells) {
    /**
     * Copies the list of cells.
     *
     * @throws NullPointerException if {@code cells} is null or holds null
     */
    public Picture {
        cells = List.copyOf(cells);
    }

    /** {@return the picture's width in pixels} */
    public int width() { return image.getWidth(); }

    /** {@return the picture's height in pixels} */
    public int height() { return image.getHeight(); }

    /**
     * {@return the colour at one pixel as {@code 0xRRGGBB}}
     *
     * @param x column, 0 at the left
     * @param y row, 0 at the top
     * @throws ArrayIndexOutOfBoundsException outside the picture
     */
    public int rgb(int x, int y) { return image.getRGB(x, y) & 0xFFFFFF; }
}
