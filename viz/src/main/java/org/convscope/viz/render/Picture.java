package org.convscope.viz.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A rendered picture and where its cells are: {@code cells.get(i)} is the rectangle holding the
 * i-th item shown (a channel, a kernel, a stage), in pixels of {@code image}.
 */
public record Picture(BufferedImage image, List<Rectangle> cells) {
    public Picture {
        cells = List.copyOf(cells);
    }

    public int width() { return image.getWidth(); }

    public int height() { return image.getHeight(); }

    /** The colour at (x, y) as {@code 0xRRGGBB}. */
    public int rgb(int x, int y) { return image.getRGB(x, y) & 0xFFFFFF; }
}
