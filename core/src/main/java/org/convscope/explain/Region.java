package org.convscope.explain;

/**
 * A rectangle of input-image cells, rows {@code top..bottom} and columns {@code left..right}
 * inclusive. Unclipped, it may reach into the padding (negative or past the image); {@link #whole}
 * means "every cell of the input" (after a Flatten, a global pooling...).
 */
public record Region(long top, long bottom, long left, long right, boolean whole) {
    /** The region that is the whole input. */
    public static Region wholeInput() { return new Region(0, -1, 0, -1, true); }

    /** Rows covered (unclipped). */
    public long height() { return bottom - top + 1; }

    /** Columns covered (unclipped). */
    public long width() { return right - left + 1; }

    /** This region cut to an image of {@code h x w} (the whole image when {@link #whole}). */
    public Region clip(int h, int w) {
        if (whole) return new Region(0, h - 1, 0, w - 1, true);
        return new Region(Math.max(0, top), Math.min(h - 1, bottom), Math.max(0, left), Math.min(w - 1, right), false);
    }

    @Override
    public String toString() {
        return whole ? "the whole input" : "rows " + top + ".." + bottom + ", columns " + left + ".." + right;
    }
}
