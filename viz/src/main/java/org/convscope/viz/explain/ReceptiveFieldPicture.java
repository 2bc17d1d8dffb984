package org.convscope.viz.explain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.convscope.explain.ReceptiveField;
import org.convscope.explain.ReceptiveFields;
import org.convscope.explain.Region;
import org.convscope.graph.Graph;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;
import org.convscope.viz.render.Canvas;

/**
 * Where one output cell of a layer looks: the input image with the region that cell's value depends
 * on outlined in red, and everything else dimmed.
 *
 * <p>The region comes from {@link ReceptiveFields#region}, which walks the graph backwards from the
 * cell, so it is exact for any graph (branches, residual connections, asymmetric padding). Parts of
 * the region that fall into the padding are cut at the image border.
 *
 * <pre>{@code
 * Tensor act = graph.activations(input, List.of("conv2d_5")).get("conv2d_5");
 * ReceptiveFieldPicture.Result r = ReceptiveFieldPicture.render(graph, "conv2d_5", act, -1, null, shownImage);
 * Png.write(r.image(), Path.of("rf.png"));
 * }</pre>
 */
public final class ReceptiveFieldPicture {
    /** Outline colour. */
    public static final int OUTLINE = 0xE0201C;

    private ReceptiveFieldPicture() {}

    /**
     * The picture and what it shows.
     *
     * @param image   the enlarged input with the region outlined (8-bit RGB)
     * @param layer   the layer's name
     * @param channel the channel of the chosen cell
     * @param row     output row of the chosen cell
     * @param col     output column of the chosen cell
     * @param value   the activation there
     * @param region  the input region it sees (unclipped: may reach into the padding)
     * @param shown   the region cut to the image, as drawn
     * @param field   the layer's receptive field size and jump
     * @param scale   pixels per input cell in the picture
     */
    public record Result(BufferedImage image, String layer, int channel, int row, int col, float value, Region region, Region shown,
                         ReceptiveField field, int scale) {
        /** {@return one sentence for a caption: the cell, its value, the input rows and columns it sees, the field's size and jump} */
        public String caption() {
            return String.format(Locale.ROOT, "Output cell (row %d, column %d) of channel %d of %s (value %.3g) sees input rows %d–%d,"
                            + " columns %d–%d: a %dx%d receptive field%s; neighbouring cells look %s input pixel(s) apart.",
                    row, col, channel, layer, value, shown.top(), shown.bottom(), shown.left(), shown.right(), region.height(), region.width(),
                    region.height() != shown.height() || region.width() != shown.width() ? " (cut at the image border, the rest is padding)" : "",
                    field.jumpText());
        }
    }

    /**
     * Draws the region seen by one output cell of {@code layer}, on the input enlarged to about 256
     * pixels (nearest neighbour).
     *
     * @param graph      the model (single input)
     * @param layer      the node whose output cell to explain
     * @param activation the layer's output for the image, {@code [1, h, w, C]}
     * @param channel    the channel; -1 picks the channel with the largest value
     * @param at         {@code {row, col}} of the cell, or null for the strongest cell of the channel
     * @param shownImage the input image for display, {@code [1, H, W, 1 or 3]} in [0, 1], the same size as the model input
     * @throws IllegalArgumentException naming the layer when the activation is not an image, the channel or
     *                                  cell is out of range, or the image size differs from the model's input
     * @return the picture with the chosen cell, its region and the layer's receptive field
     */
    public static Result render(Graph graph, String layer, Tensor activation, int channel, int[] at, Tensor shownImage) {
        int[] s = activation.shape();
        if (s.length != 4 || s[0] != 1) {
            throw new IllegalArgumentException("receptive field of '" + layer + "': expected one image-shaped output [1,h,w,C], got "
                    + Shapes.toString(s));
        }
        int[] in = graph.shapeOf(graph.inputNames().get(0));
        int ih = shownImage.dim(1), iw = shownImage.dim(2);
        if ((in[1] >= 0 && in[1] != ih) || (in[2] >= 0 && in[2] != iw)) {
            throw new IllegalArgumentException("receptive field of '" + layer + "': the image is " + ih + "x" + iw
                    + " but the model's input is " + in[1] + "x" + in[2]);
        }
        int c = channel < 0 ? strongestChannel(activation) : channel;
        if (c >= s[3]) throw new IllegalArgumentException("--channel " + c + " is out of range: layer '" + layer + "' has " + s[3] + " channels");
        int[] cell = at != null ? at.clone() : strongest(activation, c);
        if (cell[0] < 0 || cell[0] >= s[1] || cell[1] < 0 || cell[1] >= s[2]) {
            throw new IllegalArgumentException("cell (" + cell[0] + ", " + cell[1] + ") is outside layer '" + layer + "''s " + s[1] + "x" + s[2] + " output");
        }
        Region region = ReceptiveFields.region(graph, layer, cell[0], cell[0], cell[1], cell[1]);
        Region shown = region.clip(ih, iw);
        ReceptiveField field = ReceptiveFields.all(graph).get(layer);
        int scale = Math.max(1, 256 / Math.max(ih, iw));
        BufferedImage img = draw(shownImage, shown, scale);
        return new Result(img, layer, c, cell[0], cell[1], activation.get(0, cell[0], cell[1], c), region, shown, field, scale);
    }

    /**
     * {@return the channel holding the layer's largest value (the first in memory order on ties)}
     *
     * @param activation an NHWC output {@code [1, h, w, C]}
     */
    public static int strongestChannel(Tensor activation) {
        int ch = activation.dim(3);
        float[] d = activation.data();
        int best = 0;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < d.length; i++) {
            if (d[i] > max) {
                max = d[i];
                best = i % ch;
            }
        }
        return best;
    }

    /**
     * {@return {@code {row, col}} of the largest value of one channel (the first in row-major order on ties)}
     *
     * @param activation an NHWC output {@code [1, h, w, C]}
     * @param c          the channel, {@code 0 <= c < C}
     */
    public static int[] strongest(Tensor activation, int c) {
        int h = activation.dim(1), w = activation.dim(2), ch = activation.dim(3);
        float[] d = activation.data();
        int best = 0;
        float max = Float.NEGATIVE_INFINITY;
        for (int p = 0; p < h * w; p++) {
            float v = d[p * ch + c];
            if (v > max) {
                max = v;
                best = p;
            }
        }
        return new int[] {best / w, best % w};
    }

    /** The image enlarged {@code scale} times, dimmed outside the region, with a red outline around it. */
    static BufferedImage draw(Tensor image, Region r, int scale) {
        int h = image.dim(1), w = image.dim(2), c = image.dim(3);
        float[] d = image.data();
        int[] rgb = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int red = byteOf(d[p * c]), green = c >= 3 ? byteOf(d[p * c + 1]) : red, blue = c >= 3 ? byteOf(d[p * c + 2]) : red;
                boolean inside = y >= r.top() && y <= r.bottom() && x >= r.left() && x <= r.right();
                if (!inside) { // dim towards white so the seen region stands out
                    red = 255 - (255 - red) * 2 / 5;
                    green = 255 - (255 - green) * 2 / 5;
                    blue = 255 - (255 - blue) * 2 / 5;
                }
                rgb[p] = (red << 16) | (green << 8) | blue;
            }
        }
        BufferedImage img = Canvas.blank(w * scale, h * scale, Canvas.BACKGROUND);
        Canvas.blit(img, rgb, h, w, 0, 0, scale);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(OUTLINE));
        int t = Math.max(2, scale / 2);
        g.setStroke(new BasicStroke(t));
        int x0 = (int) r.left() * scale, y0 = (int) r.top() * scale;
        int x1 = (int) (r.right() + 1) * scale, y1 = (int) (r.bottom() + 1) * scale;
        g.drawRect(x0 + t / 2, y0 + t / 2, Math.max(1, x1 - x0 - t), Math.max(1, y1 - y0 - t));
        g.dispose();
        return img;
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
