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
    public FeatureMapOptions {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0 (0 = as many as needed), got " + rows);
        if (cols < 1) throw new IllegalArgumentException("cols must be >= 1, got " + cols);
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        if (!(gamma > 0) || Float.isInfinite(gamma)) throw new IllegalArgumentException("gamma must be a positive number, got " + gamma);
        if (gutter < 0) throw new IllegalArgumentException("gutter must be >= 0, got " + gutter);
        if (scale < 0) throw new IllegalArgumentException("scale must be >= 0 (0 = automatic), got " + scale);
        if (colormap == null) colormap = Colormap.viridis();
    }

    /** 8 columns, rows as needed, from channel 0, gamma 1, viridis, 2-pixel gutters, automatic scale, titled. */
    public static FeatureMapOptions defaults() {
        return new FeatureMapOptions(0, 8, 0, 1f, Colormap.viridis(), 2, 0, true);
    }

    public FeatureMapOptions withRows(int r) { return new FeatureMapOptions(r, cols, offset, gamma, colormap, gutter, scale, title); }
    public FeatureMapOptions withCols(int c) { return new FeatureMapOptions(rows, c, offset, gamma, colormap, gutter, scale, title); }
    public FeatureMapOptions withOffset(int o) { return new FeatureMapOptions(rows, cols, o, gamma, colormap, gutter, scale, title); }
    public FeatureMapOptions withGamma(float g) { return new FeatureMapOptions(rows, cols, offset, g, colormap, gutter, scale, title); }
    public FeatureMapOptions withColormap(Colormap m) { return new FeatureMapOptions(rows, cols, offset, gamma, m, gutter, scale, title); }
    public FeatureMapOptions withGutter(int g) { return new FeatureMapOptions(rows, cols, offset, gamma, colormap, g, scale, title); }
    public FeatureMapOptions withScale(int s) { return new FeatureMapOptions(rows, cols, offset, gamma, colormap, gutter, s, title); }
    public FeatureMapOptions withTitle(boolean t) { return new FeatureMapOptions(rows, cols, offset, gamma, colormap, gutter, scale, t); }
}
