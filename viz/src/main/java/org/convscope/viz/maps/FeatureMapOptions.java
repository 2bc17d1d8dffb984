package org.convscope.viz.maps;

import org.convscope.viz.color.Colormap;

/**
 * How to lay out a feature-map grid.
 *
 * @param rows     rows of the grid; 0 = as many as the channels need
 * @param cols     columns of the grid (&gt;= 1)
 * @param offset   the first channel shown
 * @param gamma    exponent applied to each [0,1]-scaled map ({@code x ** gamma}; 1 = linear)
 * @param colormap colours for the scaled values
 * @param gutter   pixels between cells and around the grid
 * @param scale    pixels per map pixel; 0 = automatic (maps drawn about 128 pixels wide)
 * @param title    whether to draw a title line with the layer name and shape
 */
public record FeatureMapOptions(int rows, int cols, int offset, float gamma, Colormap colormap, int gutter, int scale, boolean title) {
    /**
     * Checks the options; a null colormap becomes viridis.
     *
     * @throws IllegalArgumentException naming the option when rows, offset, gutter or scale is
     *                                  negative, cols &lt; 1, or gamma is not a positive finite number
     */
    public FeatureMapOptions {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0 (0 = as many as needed), got " + rows);
        if (cols < 1) throw new IllegalArgumentException("cols must be >= 1, got " + cols);
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        if (!(gamma > 0) || Float.isInfinite(gamma)) throw new IllegalArgumentException("gamma must be a positive number, got " + gamma);
        if (gutter < 0) throw new IllegalArgumentException("gutter must be >= 0, got " + gutter);
        if (scale < 0) throw new IllegalArgumentException("scale must be >= 0 (0 = automatic), got " + scale);
        if (colormap == null) colormap = Colormap.viridis();
    }

    /**
     * {@return the defaults: 8 columns, rows as needed, from channel 0, gamma 1, viridis, 2-pixel
     * gutters, automatic scale, titled}
     */
    public static FeatureMapOptions defaults() {
        return new FeatureMapOptions(0, 8, 0, 1f, Colormap.viridis(), 2, 0, true);
    }

    /**
     * {@return a copy with another row count}
     *
     * @param r rows, &gt;= 0 (0 = as many as needed)
     */
    public FeatureMapOptions withRows(int r) { return new FeatureMapOptions(r, cols, offset, gamma, colormap, gutter, scale, title); }
    /**
     * {@return a copy with another column count}
     *
     * @param c columns, &gt;= 1
     */
    public FeatureMapOptions withCols(int c) { return new FeatureMapOptions(rows, c, offset, gamma, colormap, gutter, scale, title); }
    /**
     * {@return a copy starting at another channel}
     *
     * @param o the first channel shown, &gt;= 0
     */
    public FeatureMapOptions withOffset(int o) { return new FeatureMapOptions(rows, cols, o, gamma, colormap, gutter, scale, title); }
    /**
     * {@return a copy with another gamma}
     *
     * @param g the exponent, a positive finite number (&lt; 1 lifts faint activity)
     */
    public FeatureMapOptions withGamma(float g) { return new FeatureMapOptions(rows, cols, offset, g, colormap, gutter, scale, title); }
    /**
     * {@return a copy with another colormap}
     *
     * @param m the colormap; null means viridis
     */
    public FeatureMapOptions withColormap(Colormap m) { return new FeatureMapOptions(rows, cols, offset, gamma, m, gutter, scale, title); }
    /**
     * {@return a copy with another gutter}
     *
     * @param g pixels between cells and around the grid, &gt;= 0
     */
    public FeatureMapOptions withGutter(int g) { return new FeatureMapOptions(rows, cols, offset, gamma, colormap, g, scale, title); }
    /**
     * {@return a copy with another scale}
     *
     * @param s pixels per map pixel, &gt;= 0 (0 = automatic)
     */
    public FeatureMapOptions withScale(int s) { return new FeatureMapOptions(rows, cols, offset, gamma, colormap, gutter, s, title); }
    /**
     * {@return a copy with or without the title line}
     *
     * @param t whether to draw the title
     */
    public FeatureMapOptions withTitle(boolean t) { return new FeatureMapOptions(rows, cols, offset, gamma, colormap, gutter, scale, t); }
}
