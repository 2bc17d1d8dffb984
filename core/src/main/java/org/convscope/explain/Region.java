package org.convscope.explain;

/**
 * A rectangle of input-image cells, rows {@code top..bottom} and columns {@code left..right}
 * inclusive. Unclipped, it may reach into the padding (negative or past the image); {@link #whole}
 * means "every cell of the input" (after a Flatten, a global pooling...).
 *
 * @param top    first row (0 = the image's top row; negative = padding above)
 * @param bottom last row, inclusive (may be past the image's last row)
 * @param left   first column (negative = padding on the left)
 * @param right  last column, inclusive (may be past the image's last column)
 * @param whole  true when the region is the whole input; the four bounds are then meaningless
 *               ({@link #wholeInput()} sets them to 0, -1, 0, -1)
 */
public record Region(long top, long bottom, long left, long right, boolean whole) {
    /** {@return the region that is the whole input, whatever its size} */
    public static Region wholeInput() { return new Region(0, -1, 0, -1, true); }

    /** {@return the rows covered, {@code bottom − top + 1}, padding included (meaningless when {@link #whole})} */
    public long height() { return bottom - top + 1; }

    /** {@return the columns covered, {@code right − left + 1}, padding included (meaningless when {@link #whole})} */
    public long width() { return right - left + 1; }

    /**
     * {@return this region cut to the cells of an image of {@code h x w}} The whole image when
     * {@link #whole}; the result keeps {@code whole} as it was, so a clipped whole region still says so.
     *
     * @param h the image's height in pixels
     * @param w the image's width in pixels
     */
    public Region clip(int h, int w) {
        if (whole) return new Region(0, h - 1, 0, w - 1, true);
        return new Region(Math.max(0, top), Math.min(h - 1, bottom), Math.max(0, left), Math.min(w - 1, right), false);
    }

    @Override
    public String toString() {
        return whole ? "the whole input" : "rows " + top + ".." + bottom + ", columns " + left + ".." + right;
    }
}
