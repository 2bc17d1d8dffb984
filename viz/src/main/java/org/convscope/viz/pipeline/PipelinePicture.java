package org.convscope.viz.pipeline;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.convscope.image.Interpolation;
import org.convscope.image.Resize;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.kernels.KernelCells;
import org.convscope.viz.render.Canvas;
import org.convscope.viz.render.MapScaling;
import org.convscope.viz.render.Picture;
import org.convscope.viz.render.Text;

/**
 * The pipeline as one strip of panels: input, kernel (with its numbers), Filter, Detect, Condense.
 * Image panels are drawn {@code panel} pixels on their longer side with nearest-neighbour
 * enlargement (the condensed map's coarser pixels stay visible), each scaled to its own min/max.
 * {@link Picture#cells()} holds the five panel rectangles in that order.
 */
public final class PipelinePicture {
    private static final int GAP = 16, TITLE = 24, MARGIN = 8;

    private PipelinePicture() {}

    /**
     * Renders the stages as one strip with a title over each panel (titles left out without fonts).
     *
     * @param st         the stages, from {@link FilterDetectCondense#run}
     * @param kernelName the kernel's name, in the kernel panel's title
     * @param map        colours the three stage panels (the input is drawn in gray)
     * @param panel      pixels on the longer side of each image panel
     * @return the picture; cells are the five panels: input, kernel, filter, detect, condense
     * @throws IllegalArgumentException if a stage has more than one channel
     */
    public static Picture render(FilterDetectCondense.Stages st, String kernelName, Colormap map, int panel) {
        Picture kernel = KernelCells.render(st.kernel(), null);
        String[] titles = {"Input " + dims(st.input()), "Kernel: " + kernelName, "Filter (convolution) " + dims(st.filtered()),
                "Detect (ReLU) " + dims(st.detected()), "Condense (max-pool 2x2) " + dims(st.condensed())};
        Tensor[] images = {st.input(), null, st.filtered(), st.detected(), st.condensed()};
        int titleH = Text.available() ? TITLE : 0;
        int[] widths = new int[5];
        int ph = 0;
        BufferedImage[] panels = new BufferedImage[5];
        for (int i = 0; i < 5; i++) {
            panels[i] = i == 1 ? kernel.image() : panel(images[i], i == 0 ? Colormap.named("gray") : map, panel);
            int titleW = titleH > 0 ? Text.width(titles[i], 13, true) : 0;
            widths[i] = Math.max(panels[i].getWidth(), titleW);
            ph = Math.max(ph, panels[i].getHeight());
        }
        int width = MARGIN * 2 + GAP * 4;
        for (int w : widths) width += w;
        BufferedImage img = Canvas.blank(width, MARGIN * 2 + titleH + ph, Canvas.BACKGROUND);
        Graphics2D g = img.createGraphics();
        List<Rectangle> cells = new ArrayList<>();
        int x = MARGIN;
        for (int i = 0; i < 5; i++) {
            BufferedImage p = panels[i];
            int px = x + (widths[i] - p.getWidth()) / 2, py = MARGIN + titleH + (ph - p.getHeight()) / 2;
            g.drawImage(p, px, py, null);
            cells.add(new Rectangle(px, py, p.getWidth(), p.getHeight()));
            Text.draw(g, titles[i], x + widths[i] / 2, MARGIN + 16, 13, true, Canvas.INK, 0);
            x += widths[i] + GAP;
        }
        g.dispose();
        return new Picture(img, cells);
    }

    private static String dims(Tensor t) {
        return t.dim(1) + "x" + t.dim(2);
    }

    /** One [1,H,W,1] map enlarged (nearest) to {@code size} pixels on its longer side and coloured. */
    static BufferedImage panel(Tensor t, Colormap map, int size) {
        int h = t.dim(1), w = t.dim(2);
        if (t.dim(3) != 1) throw new IllegalArgumentException("a pipeline panel needs one channel, got " + Shapes.toString(t.shape()));
        int dh = Math.max(1, Math.round((float) size * h / Math.max(h, w))), dw = Math.max(1, Math.round((float) size * w / Math.max(h, w)));
        Tensor big = Resize.resize(t, dh, dw, Interpolation.NEAREST);
        float[] s = MapScaling.scaleChannel(big.data(), 0, 1, dh * dw, 1f);
        int[] rgb = new int[s.length];
        for (int i = 0; i < s.length; i++) rgb[i] = map.color(s[i]);
        BufferedImage img = Canvas.blank(dw, dh, Canvas.BACKGROUND);
        Canvas.blit(img, rgb, dh, dw, 0, 0, 1);
        return img;
    }
}
