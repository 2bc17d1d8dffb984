package org.convscope.viz.features;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.convscope.grad.Objectives;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.model.ConvLayers;
import org.convscope.viz.render.Png;

/**
 * The report's feature-visualisation sections: for every conv layer, the images that excite its
 * first filters most ({@link FilterVisualizer}), and, for the predicted class, vanilla-gradient
 * saliency and Grad-CAM at the last conv layer over the input image. Writes the PNGs and returns the
 * HTML to put in the page.
 *
 * <p>Filters are drawn on up to four threads; everything else runs on the calling thread.
 */
public final class FeatureReport {
    /**
     * Settings.
     *
     * @param filtersPerLayer filters drawn per conv layer (0 = no filter section)
     * @param steps           ascent steps per filter
     * @param method          PIXEL or LUCID
     * @param attribution     whether to add saliency and Grad-CAM
     */
    public record Options(int filtersPerLayer, int steps, FilterVisualizer.Method method, boolean attribution) {
        /** {@return 8 filters per layer, keras.io's 30 pixel-space steps, with saliency and Grad-CAM} */
        public static Options defaults() { return new Options(8, 30, FilterVisualizer.Method.PIXEL, true); }
    }

    /**
     * What {@link #write} produced.
     *
     * @param html     the {@code <section>} elements to put in the report page (empty when no section
     *                 applies); the pictures are referred to by file name, relative to the page
     * @param pictures the PNG files written, in the order they appear (an unmodifiable list)
     */
    public record Section(String html, List<Path> pictures) {}

    private FeatureReport() {}

    /**
     * The model's input range, read off the report's two views of the image: the model input is an
     * affine function {@code shown·scale + offset} of the displayed [0, 1] image.
     */
    static double[] inputRange(Tensor modelInput, Tensor shown) {
        float[] a = shown.data(), b = modelInput.data();
        int lo = 0, hi = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] < a[lo]) lo = i;
            if (a[i] > a[hi]) hi = i;
        }
        if (a.length != b.length || a[hi] - a[lo] < 1e-6) return new double[] {0, 1};
        double scale = (b[hi] - b[lo]) / (double) (a[hi] - a[lo]), offset = b[lo] - scale * a[lo];
        return new double[] {offset, offset + scale};
    }

    /**
     * Writes the pictures into {@code dir} and returns the sections.
     *
     * <p>The filter section ({@code filters-NN-<layer>.png}, one grid per conv layer) is made when
     * {@code filtersPerLayer > 0} and the model has conv layers and one input. The attribution
     * section ({@code saliency.png} and {@code gradcam.png}, at the last conv layer with a map larger
     * than 1×1, scored before a final softmax, see {@link GradCam#scoreNode}) is made when
     * attribution is on, a class is given, the input is one image and the scores are of rank 2.
     * Existing files are replaced.
     *
     * @param graph      the model
     * @param modelInput the image as fed to the model, {@code [1, H, W, C]}
     * @param shown      the same image as displayed, in [0, 1] and of the same shape; the model's
     *                   input range (for the filter pictures) is read off the two, assuming the model
     *                   input is an affine function of the displayed image
     * @param topClass   the class to explain (the prediction's top class), or −1 for none
     * @param className  its name, for captions
     * @param dir        the folder to write the PNGs into (created if missing)
     * @param o          what to draw
     * @param progress   told in a line of text what is being computed; may be null
     * @return the HTML and the files written
     * @throws java.io.UncheckedIOException naming the file when a picture cannot be written
     * @throws org.convscope.grad.NoGradientException when the model holds a layer without a
     *                                                gradient
     */
    public static Section write(Graph graph, Tensor modelInput, Tensor shown, int topClass, String className, Path dir, Options o,
                                Consumer<String> progress) {
        Consumer<String> say = progress == null ? s -> { } : progress;
        List<Path> pictures = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        List<String> convs = ConvLayers.names(graph);
        double[] range = inputRange(modelInput, shown);
        if (o.filtersPerLayer() > 0 && !convs.isEmpty() && graph.inputNames().size() == 1) {
            FilterVisualizer.Options fo = (o.method() == FilterVisualizer.Method.PIXEL ? FilterVisualizer.Options.pixel() : FilterVisualizer.Options.lucid())
                    .withSteps(o.steps()).withInputRange(range[0], range[1]).withSize(modelInput.dim(1));
            b.append("<section id=\"filters\"><h2>What excites each filter</h2>\n<p class=\"dim\">For the first ")
                    .append(o.filtersPerLayer()).append(" filters of every convolution layer: the image that makes the filter's mean activation")
                    .append(" largest, found by gradient ascent from faint noise (")
                    .append(o.method() == FilterVisualizer.Method.PIXEL ? "keras.io's recipe: " + o.steps()
                            + " steps of fixed length along the normalised input gradient, border left out, contrast normalised and cropped for display"
                            : "Lucid-style: " + o.steps() + " Adam steps on a decorrelated Fourier image under random jitter, scale and rotation")
                    .append("). Early layers answer to edges and gratings; deeper ones to larger, composite patterns.</p>\n<div class=\"figs\">\n");
            int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
            int i = 0;
            for (String layer : convs) {
                i++;
                String name = layer;
                int total = Math.min(o.filtersPerLayer(), FilterVisualizer.channels(graph, layer));
                int[] done = {0};
                int index = i;
                List<FilterVisualizer.FilterImage> imgs = FilterVisualizer.visualize(graph, layer, 0, o.filtersPerLayer(), fo, threads,
                        fi -> say.accept(String.format(Locale.ROOT, "filters of conv layer %d/%d (%s): %d/%d", index, convs.size(), name, ++done[0], total)));
                Path png = dir.resolve(String.format(Locale.ROOT, "filters-%02d-%s.png", i, safe(layer)));
                Png.write(FilterGrid.render(imgs, Math.min(8, imgs.size()), 0, 2, null).image(), png);
                pictures.add(png);
                double rise = 0;
                for (FilterVisualizer.FilterImage fi : imgs) rise += fi.endValue() - fi.startValue();
                b.append("<figure class=\"maps\"><img src=\"").append(esc(png.getFileName().toString())).append("\" alt=\"Filter images of ")
                        .append(esc(layer)).append("\"><figcaption>").append(esc(layer)).append(": filters 0–").append(imgs.size() - 1)
                        .append(String.format(Locale.ROOT, " (mean activation raised by %.3g on average)", rise / imgs.size()))
                        .append("</figcaption></figure>\n");
            }
            b.append("</div>\n</section>\n");
        }
        if (o.attribution() && topClass >= 0 && modelInput.dim(0) == 1 && graph.inputNames().size() == 1) {
            String last = lastSpatialConv(graph, convs);
            String scoreNode = GradCam.scoreNode(graph);
            int[] scoreShape = graph.shapeOf(scoreNode);
            if (last != null && scoreShape.length == 2) {
                say.accept("saliency and Grad-CAM for " + className);
                Tensor sal = Saliency.vanilla(graph, modelInput, Objectives.classScore(scoreNode, topClass));
                GradCam cam = GradCam.compute(graph, modelInput, last, topClass);
                int scale = Math.max(1, 256 / Math.max(shown.dim(1), shown.dim(2)));
                Path sp = dir.resolve("saliency.png"), cp = dir.resolve("gradcam.png");
                Png.write(HeatmapOverlay.render(shown, sal, Colormap.named("inferno"), scale, 0.8f), sp);
                Png.write(HeatmapOverlay.render(shown, cam.heatmap(), Colormap.named("inferno"), scale, 0.6f), cp);
                pictures.add(sp);
                pictures.add(cp);
                String scoreWhat = scoreNode.equals(graph.outputNames().get(0)) ? "the output" : "the score before the softmax ('" + scoreNode + "')";
                b.append("<section id=\"attribution\"><h2>Which pixels drive “").append(esc(className)).append("”</h2>\n<div class=\"figs\">\n");
                b.append("<figure class=\"input\"><img src=\"saliency.png\" alt=\"Saliency map\"><figcaption>Saliency: |∂ score / ∂ pixel|, ")
                        .append("the vanilla gradient of ").append(esc(scoreWhat)).append(" for class ").append(esc(className))
                        .append(", brighter = a small change there moves the score more.</figcaption></figure>\n");
                b.append("<figure class=\"input\"><img src=\"gradcam.png\" alt=\"Grad-CAM\"><figcaption>Grad-CAM at ").append(esc(last))
                        .append(" ").append(esc(org.convscope.tensor.Shapes.toString(cam.coarse().shape())))
                        .append(": its channels weighted by the mean gradient of the score, summed, ReLU, scaled to [0, 1] and resized to the image."
                                + " Hot = where this layer found evidence for the class.</figcaption></figure>\n");
                b.append("</div>\n</section>\n");
            }
        }
        return new Section(b.toString(), List.copyOf(pictures));
    }

    /** The last conv layer whose output is an image bigger than 1×1. */
    static String lastSpatialConv(Graph graph, List<String> convs) {
        for (int i = convs.size() - 1; i >= 0; i--) {
            int[] s = graph.shapeOf(convs.get(i));
            if (s.length == 4 && s[1] * s[2] > 1) return convs.get(i);
        }
        return null;
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.isEmpty() ? "layer" : s;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
