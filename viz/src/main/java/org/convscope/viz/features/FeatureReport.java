package org.convscope.viz.features;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.convscope.grad.Backprop;
import org.convscope.grad.Objectives;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.model.ConvLayers;
import org.convscope.viz.render.Png;

/**
 * The report's feature-visualisation sections: for the predicted class, vanilla-gradient saliency
 * and Grad-CAM at the last layer with spatial extent over the input image; and for a few conv
 * layers (or the ones asked for) the images that excite their first filters most
 * ({@link FilterVisualizer}). Writes the PNGs and returns the HTML to put in the page.
 *
 * <p><b>Time.</b> Filter images cost a forward and a backward pass per ascent step and filter, so
 * they dominate a report (all 8 conv layers of a 512×512 VGG-style model at 8 filters each: about
 * 20 minutes on two cores). By default ({@link Options#defaults()}) the section is planned to fit a
 * time budget: a few layers spread over the depth are chosen ({@link #autoLayers}), each layer's
 * cost is estimated from one timed ascent step before it is drawn, and layers that would end past
 * the deadline get fewer filters or are left out (the page says which, and how to draw them). The
 * ascent runs at {@link Options#side()} pixels where the layer and everything before it take any
 * image size, which is the case for a plain conv stack. {@link Options#full()} is the old report:
 * every conv layer at the model's own size without a budget.
 *
 * <p>Filters are drawn on up to four threads; everything else runs on the calling thread.
 */
public final class FeatureReport {
    /**
     * Settings.
     *
     * @param filtersPerLayer filters drawn per chosen conv layer (0 = no filter section)
     * @param steps           ascent steps per filter
     * @param method          PIXEL or LUCID
     * @param attribution     whether to add saliency and Grad-CAM
     * @param layers          the conv layers to draw filter images for, or null to choose a few
     *                        within the budget ({@link #autoLayers})
     * @param side            the side in pixels of the image the ascent works on where the layer
     *                        takes any size (0 = always the model's own input size)
     * @param budgetSeconds   the time the whole section may take; layers whose estimated time would
     *                        end past it get fewer filters or are left out (0 = no limit)
     */
    public record Options(int filtersPerLayer, int steps, FilterVisualizer.Method method, boolean attribution, List<String> layers,
                          int side, double budgetSeconds) {
        /**
         * Copies the layer list.
         *
         * @throws IllegalArgumentException when a count, the side or the budget is negative
         */
        public Options {
            if (filtersPerLayer < 0 || steps < 0 || side < 0 || budgetSeconds < 0) {
                throw new IllegalArgumentException("filters, steps, side and budget must be >= 0, got " + filtersPerLayer + ", " + steps + ", " + side
                        + ", " + budgetSeconds);
            }
            layers = layers == null ? null : List.copyOf(layers);
        }

        /**
         * Every conv layer at the model's own size, without a time budget (the complete, slow report).
         *
         * @param filtersPerLayer filters drawn per conv layer
         * @param steps           ascent steps per filter
         * @param method          PIXEL or LUCID
         * @param attribution     whether to add saliency and Grad-CAM
         */
        public Options(int filtersPerLayer, int steps, FilterVisualizer.Method method, boolean attribution) {
            this(filtersPerLayer, steps, method, attribution, List.of(), 0, 0);
        }

        /**
         * {@return 8 filters on a few layers chosen to fit 20 seconds, 30 pixel-space steps (keras.io)
         * on 128-pixel images where the layers allow it, with saliency and Grad-CAM}
         */
        public static Options defaults() { return new Options(8, 30, FilterVisualizer.Method.PIXEL, true, null, 128, 20); }

        /** {@return every conv layer, 8 filters, 30 steps, at the model's own size, no budget, with saliency and Grad-CAM} */
        public static Options full() { return new Options(8, 30, FilterVisualizer.Method.PIXEL, true, null, 0, 0).withLayers(List.of()); }

        /**
         * {@return a copy drawing filter images for these layers (an empty list = every conv layer;
         * null = a few chosen within the budget)}
         *
         * @param l the layer names
         */
        public Options withLayers(List<String> l) { return new Options(filtersPerLayer, steps, method, attribution, l, side, budgetSeconds); }

        /**
         * {@return a copy with another budget}
         *
         * @param seconds the time the section may take, 0 = no limit
         */
        public Options withBudget(double seconds) { return new Options(filtersPerLayer, steps, method, attribution, layers, side, seconds); }
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
     * The layers the budgeted report draws filter images for, most telling first: the first conv
     * layer (edges and colours), the last one with spatial extent (the most composite patterns),
     * then up to {@code max − 2} layers evenly spread between them.
     *
     * @param graph the model
     * @param convs its conv layers in execution order
     * @param max   the most layers to return, &gt;= 1
     * @return the chosen names, in priority order (a new list)
     */
    public static List<String> autoLayers(Graph graph, List<String> convs, int max) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (convs.isEmpty() || max < 1) return new ArrayList<>();
        out.add(convs.get(0));
        String last = lastSpatial(graph, convs);
        if (last != null && out.size() < max) out.add(last);
        int end = last == null ? convs.size() - 1 : convs.indexOf(last);
        int between = Math.max(0, max - out.size());
        for (int k = 1; k <= between && end > 1; k++) out.add(convs.get(Math.max(1, Math.min(end - 1, Math.round(k * end / (float) (between + 1))))));
        return new ArrayList<>(out);
    }

    /**
     * As {@link #write(Graph, Tensor, Tensor, int, String, Path, Options, Consumer, Consumer, List)}
     * with every message sent to {@code progress} and no class names.
     *
     * @param graph      the model
     * @param modelInput the image as fed to the model, {@code [1, H, W, C]}
     * @param shown      the same image as displayed, in [0, 1] and of the same shape
     * @param topClass   the class to explain (the prediction's top class), or −1 for none
     * @param className  its name, for captions
     * @param dir        the folder to write the PNGs into (created if missing)
     * @param o          what to draw
     * @param progress   told in a line of text what is being computed; may be null
     * @return the HTML and the files written
     */
    public static Section write(Graph graph, Tensor modelInput, Tensor shown, int topClass, String className, Path dir, Options o,
                                Consumer<String> progress) {
        return write(graph, modelInput, shown, topClass, className, dir, o, progress, progress, List.of());
    }

    /**
     * Writes the pictures into {@code dir} and returns the sections.
     *
     * <p>The attribution section ({@code saliency.png} and {@code gradcam.png}, Grad-CAM at the last
     * layer with a spatial output larger than 1×1, scored before a final softmax, see
     * {@link GradCam#scoreNode}) comes first and is made when attribution is on, a class is given,
     * the input is one image and the scores are of rank 2. The filter section
     * ({@code filters-NN-<layer>.png}, one grid per drawn layer) is made when
     * {@code filtersPerLayer > 0} and the model has conv layers and one input; which layers, how
     * many filters and at what size follow {@code o} and the budget (class comment). Existing files
     * are replaced.
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
     * @param status     told in a short line what is being computed (for a live status line); may be null
     * @param steps      told about milestones with the time spent and an estimate of what is left
     *                   (for logs); may be null
     * @param classNames the model's class names in output order, or empty: a conv layer with one
     *                   channel per class (the class layer of an all-convolutional classifier) gets
     *                   them on its filter images
     * @return the HTML and the files written
     * @throws java.io.UncheckedIOException naming the file when a picture cannot be written
     * @throws org.convscope.grad.NoGradientException when the model holds a layer without a
     *                                                gradient
     */
    public static Section write(Graph graph, Tensor modelInput, Tensor shown, int topClass, String className, Path dir, Options o,
                                Consumer<String> status, Consumer<String> steps, List<String> classNames) {
        long start = System.nanoTime();
        long deadline = o.budgetSeconds() > 0 ? start + (long) (o.budgetSeconds() * 1e9) : Long.MAX_VALUE;
        Consumer<String> say = status == null ? s -> { } : status;
        Consumer<String> log = steps == null ? s -> { } : steps;
        List<Path> pictures = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        List<String> convs = ConvLayers.names(graph);
        if (o.attribution() && topClass >= 0 && modelInput.dim(0) == 1 && graph.inputNames().size() == 1) {
            attribution(graph, modelInput, shown, topClass, className, dir, say, log, pictures, b);
        }
        if (o.filtersPerLayer() > 0 && !convs.isEmpty() && graph.inputNames().size() == 1) {
            filters(graph, modelInput, shown, convs, dir, o, deadline, say, log, pictures, b, classNames == null ? List.of() : classNames);
        }
        return new Section(b.toString(), List.copyOf(pictures));
    }

    private static void attribution(Graph graph, Tensor modelInput, Tensor shown, int topClass, String className, Path dir, Consumer<String> say,
                                    Consumer<String> log, List<Path> pictures, StringBuilder b) {
        String last = lastSpatialLayer(graph);
        String scoreNode = GradCam.scoreNode(graph);
        int[] scoreShape = graph.shapeOf(scoreNode);
        if (last == null || scoreShape.length != 2) return;
        long t0 = System.nanoTime();
        say.accept("saliency and Grad-CAM for " + className);
        Tensor sal = Saliency.vanilla(graph, modelInput, Objectives.classScore(scoreNode, topClass));
        GradCam cam = GradCam.compute(graph, modelInput, last, topClass);
        int scale = Math.max(1, 256 / Math.max(shown.dim(1), shown.dim(2)));
        Path sp = dir.resolve("saliency.png"), cp = dir.resolve("gradcam.png");
        Png.write(HeatmapOverlay.render(shown, sal, Colormap.named("inferno"), scale, 0.8f), sp);
        Png.write(HeatmapOverlay.render(shown, cam.heatmap(), Colormap.named("inferno"), scale, 0.6f), cp);
        pictures.add(sp);
        pictures.add(cp);
        log.accept(String.format(Locale.ROOT, "saliency and Grad-CAM at %s: %.1f s", last, (System.nanoTime() - t0) / 1e9));
        String scoreWhat = scoreNode.equals(graph.outputNames().get(0)) ? "the output" : "the score before the softmax ('" + scoreNode + "')";
        boolean empty = true;
        for (float v : cam.coarse().data()) if (v > 0) { empty = false; break; }
        b.append("<section id=\"attribution\"><h2>Which pixels drive “").append(esc(className)).append("”</h2>\n<div class=\"figs\">\n");
        b.append("<figure class=\"input\"><img src=\"saliency.png\" alt=\"Saliency map\" loading=\"lazy\"><figcaption>Saliency: |∂ score / ∂ pixel|, ")
                .append("the vanilla gradient of ").append(esc(scoreWhat)).append(" for class ").append(esc(className))
                .append(", brighter = a small change there moves the score more.</figcaption></figure>\n");
        b.append("<figure class=\"input\"><img src=\"gradcam.png\" alt=\"Grad-CAM\" loading=\"lazy\"><figcaption>Grad-CAM at ").append(esc(last))
                .append(" ").append(esc(org.convscope.tensor.Shapes.toString(cam.coarse().shape())))
                .append(" (the last layer with spatial extent): its channels weighted by the mean gradient of the score, summed, ReLU, scaled to [0, 1] and resized to the image. ")
                .append(empty ? "<strong>The map is empty</strong>: no place in this layer raises the score — every channel the score grows with is off here,"
                        + " or the score does not depend on where things are (weights of random or untrained models often give this)."
                        : "Hot = where this layer found evidence for the class.")
                .append("</figcaption></figure>\n");
        b.append("</div>\n</section>\n");
    }

    /** One planned layer of the filter section. */
    private record Plan(String layer, Graph graph, int size, FilterVisualizer.Method method, int steps, List<String> labels) {}

    private static void filters(Graph graph, Tensor modelInput, Tensor shown, List<String> convs, Path dir, Options o, long deadline,
                                Consumer<String> say, Consumer<String> log, List<Path> pictures, StringBuilder b, List<String> classNames) {
        double[] range = inputRange(modelInput, shown);
        boolean auto = o.layers() == null;
        List<String> wanted = auto ? autoLayers(graph, convs, 4) : o.layers().isEmpty() ? convs : o.layers();
        String classLayer = classLayer(graph, convs, classNames.size());
        if (auto && classLayer != null && !wanted.contains(classLayer)) wanted.add(Math.min(wanted.size(), 2), classLayer);
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        List<String> skipped = new ArrayList<>();
        java.util.TreeMap<Integer, String> figures = new java.util.TreeMap<>();   // in depth order on the page
        long sectionStart = System.nanoTime();
        double calibration = 1;   // measured / estimated time of the layers drawn so far
        boolean reduced = false;  // some layer drawn on smaller images than the model's
        int index = 0;
        for (String layer : wanted) {
            index++;
            int channels = FilterVisualizer.channels(graph, layer);
            boolean isClass = layer.equals(classLayer);
            FilterVisualizer.Method method = isClass && auto ? FilterVisualizer.Method.LUCID : o.method();
            int steps = method == FilterVisualizer.Method.LUCID && method != o.method() ? Math.max(o.steps(), 64) : o.steps();
            Graph g = o.side() > 0 && o.side() < modelInput.dim(1) ? SubModel.upTo(graph, layer) : null;
            int size = g != null ? o.side() : modelInput.dim(1);
            reduced |= g != null;
            Plan plan = new Plan(layer, g != null ? g : graph, size, method, steps, isClass ? classNames : List.of());
            int want = isClass ? Math.min(channels, Math.max(o.filtersPerLayer(), classNames.size())) : Math.min(channels, o.filtersPerLayer());
            // estimate from one timed ascent step (forward + backward), corrected by how far off the
            // estimates of the layers before were (filters on several threads share the cores with the GEMM's own threads)
            double step = stepSeconds(plan, range);
            double perFilter = step * (steps + 1) * (method == FilterVisualizer.Method.LUCID ? 1.3 : 1.0) * calibration;
            double left = deadline == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : (deadline - System.nanoTime()) / 1e9;
            int n = left == Double.POSITIVE_INFINITY ? want : (int) Math.min(want, Math.floor(left / Math.max(1e-9, perFilter)));
            if (n < Math.min(2, want)) {
                skipped.add(layer);
                log.accept(String.format(Locale.ROOT, "filter images of %s left out: about %.0f s for %d filters, %.0f s of the budget left", layer,
                        want * perFilter, want, Math.max(0, left)));
                continue;
            }
            log.accept(String.format(Locale.ROOT, "filter images %d/%d: %s, %d filters at %dx%d, %d %s steps, about %.1f s (budget left %s)", index,
                    wanted.size(), layer, n, size, size, steps, method.name().toLowerCase(Locale.ROOT), n * perFilter,
                    left == Double.POSITIVE_INFINITY ? "unlimited" : String.format(Locale.ROOT, "%.0f s", left)));
            FilterVisualizer.Options fo = (method == FilterVisualizer.Method.PIXEL ? FilterVisualizer.Options.pixel() : FilterVisualizer.Options.lucid())
                    .withSteps(steps).withInputRange(range[0], range[1]).withSize(size);
            int[] done = {0};
            int total = n, idx = index;
            long t0 = System.nanoTime();
            // in chunks of `threads` filters, stopping at the deadline (the first chunk always runs)
            List<FilterVisualizer.FilterImage> imgs = new ArrayList<>();
            long lastChunk = 0;
            for (int f = 0; f < n; f += threads) {
                long c0 = System.nanoTime();
                if (f > 0 && deadline != Long.MAX_VALUE && c0 + lastChunk > deadline) break;
                imgs.addAll(FilterVisualizer.visualize(plan.graph(), layer, f, Math.min(threads, n - f), fo, threads,
                        fi -> say.accept(String.format(Locale.ROOT, "filter images %d/%d (%s): %d/%d", idx, wanted.size(), layer, ++done[0], total))));
                lastChunk = System.nanoTime() - c0;
            }
            double took = (System.nanoTime() - t0) / 1e9;
            // bounded: a tiny first layer is dominated by fixed costs (thread start, PNG) and would mislead the deep ones
            calibration = Math.max(0.5, Math.min(2, calibration * took / Math.max(1e-3, imgs.size() * perFilter)));
            int convIndex = convs.indexOf(layer) + 1;
            Path png = dir.resolve(String.format(Locale.ROOT, "filters-%02d-%s.png", convIndex, safe(layer)));
            List<String> labels = new ArrayList<>();
            for (FilterVisualizer.FilterImage fi : imgs) {
                labels.add(isClass && fi.filter() < classNames.size() ? fi.filter() + " " + classNames.get(fi.filter()) : String.valueOf(fi.filter()));
            }
            Png.write(FilterGrid.render(imgs, Math.min(8, imgs.size()), 0, 2, null, labels).image(), png);
            pictures.add(png);
            double rise = 0;
            for (FilterVisualizer.FilterImage fi : imgs) rise += fi.endValue() - fi.startValue();
            StringBuilder fig = new StringBuilder();
            fig.append("<figure class=\"maps\"><img src=\"").append(esc(png.getFileName().toString())).append("\" alt=\"Filter images of ")
                    .append(esc(layer)).append("\" loading=\"lazy\"><figcaption><a href=\"#").append(esc(String.format(Locale.ROOT, "%02d-%s", convIndex, safe(layer))))
                    .append("\">").append(esc(layer)).append("</a>: filters 0–").append(imgs.size() - 1).append(" of ").append(channels)
                    .append(" (numbered in the corner)")
                    .append(isClass ? " — one per class (" + esc(String.join(", ", classNames)) + "), Lucid-style: smoother images that show what each class looks for" : "")
                    .append(String.format(Locale.ROOT, ", %d×%d, %d %s steps (mean activation raised by %.3g on average)", size, size, steps,
                            method == FilterVisualizer.Method.LUCID ? "Lucid" : "pixel", rise / imgs.size()))
                    .append("</figcaption></figure>\n");
            figures.put(convIndex, fig.toString());
            log.accept(String.format(Locale.ROOT, "filter images of %s: %d in %.1f s", layer, imgs.size(), took));
        }
        StringBuilder figs = new StringBuilder();
        for (String f : figures.values()) figs.append(f);
        if (figs.isEmpty() && skipped.isEmpty()) return;
        b.append("<section id=\"filters\"><h2>What excites each filter</h2>\n<p class=\"dim\">The image that makes a filter's mean activation")
                .append(" largest, found by gradient ascent from faint noise (keras.io's recipe: steps of fixed length along the normalised input gradient,")
                .append(" border left out, contrast normalised and cropped for display; Lucid-style where marked: Adam steps on a decorrelated Fourier image")
                .append(" under random jitter, scale and rotation). Early layers answer to edges and gratings; deeper ones to larger, composite patterns.");
        if (auto) {
            b.append(" To keep the report quick these are a few layers, at most ").append(o.filtersPerLayer()).append(" filters each");
            if (reduced) b.append(", made on ").append(o.side()).append("-pixel images where the layer takes any size (smaller than the model's input)");
            b.append(String.format(Locale.ROOT, "; they took %.0f s. ", (System.nanoTime() - sectionStart) / 1e9))
                    .append("Other layers: <code>--filter-layers NAME,...</code>; every layer: <code>--full</code> (slow: minutes to hours on large models).");
        }
        if (!skipped.isEmpty()) {
            b.append(" Left out to stay within the time budget: ").append(esc(String.join(", ", skipped)))
                    .append(" (<code>--budget 0</code> lifts the limit).");
        }
        b.append("</p>\n<div class=\"figs\">\n").append(figs).append("</div>\n</section>\n");
    }

    /** The time of one warm ascent step (one forward and one backward pass) for a layer, in seconds. */
    private static double stepSeconds(Plan p, double[] range) {
        int[] in = p.graph().shapeOf(p.graph().inputNames().get(0));
        int h = in[1] > 0 ? in[1] : p.size(), w = in[2] > 0 ? in[2] : p.size();
        Tensor x = Tensor.zeros(1, h, w, in[3]);
        Random r = new Random(1);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) ((range[0] + range[1]) / 2 + r.nextGaussian() * (range[1] - range[0]) / 8);
        // twice: the first pass through a layer kind the JIT has not seen yet is many times slower than the rest
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 2; k++) {
            long t0 = System.nanoTime();
            Backprop.compute(p.graph(), Map.of(p.graph().inputNames().get(0), x), Objectives.channelMean(p.layer(), 0, 0), List.of());
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    /**
     * The class layer of an all-convolutional classifier: the last conv layer with one channel per
     * class (the emotion model's 7-channel conv before its global pooling), or null.
     */
    static String classLayer(Graph graph, List<String> convs, int classes) {
        if (classes < 2) return null;
        String last = convs.isEmpty() ? null : convs.get(convs.size() - 1);
        if (last == null) return null;
        int[] s = graph.shapeOf(last);
        return s.length == 4 && s[3] == classes ? last : null;
    }

    /** The last node whose output is an image bigger than 1×1 (any layer, not only conv), or null. */
    static String lastSpatialLayer(Graph graph) {
        List<org.convscope.graph.Node> nodes = graph.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).layer() instanceof org.convscope.layers.InputLayer) continue;
            int[] s = graph.shapeOf(nodes.get(i).name());
            if (s.length == 4 && s[1] * s[2] > 1) return nodes.get(i).name();
        }
        return null;
    }

    /** The last conv layer whose output is an image bigger than 1×1. */
    static String lastSpatial(Graph graph, List<String> convs) {
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
