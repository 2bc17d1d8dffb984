package org.convscope.viz.report;

import static org.convscope.viz.report.Html.esc;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.layers.Layer;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;
import org.convscope.viz.kernels.FilterPatches;
import org.convscope.viz.kernels.KernelGrid;
import org.convscope.viz.kernels.KernelSlice;
import org.convscope.viz.maps.FeatureMapGrid;
import org.convscope.viz.maps.FeatureMapOptions;
import org.convscope.viz.model.ConvLayers;
import org.convscope.viz.render.Canvas;
import org.convscope.viz.render.Png;
import org.convscope.viz.stats.ActivationStats;
import org.convscope.viz.stats.LayerRecord;
import org.convscope.viz.stats.TimedRun;

/**
 * Writes the report: one folder with {@code index.html} and its PNGs, nothing else — it opens
 * from disk in any browser, offline. Contents: the input image and the prediction (with class
 * names when known), the model summary, for every convolution layer its feature-map grid, its
 * kernel grid and its statistics, and a table of every layer with its time and statistics.
 */
public final class HtmlReport {
    /**
     * What was written and computed.
     *
     * @param index      the {@code index.html} file
     * @param pictures   every PNG written, in the order the page shows them
     * @param run        the timed run of the model (records and the conv layers' outputs)
     * @param prediction the model's output read as class scores
     */
    public record Result(Path index, List<Path> pictures, TimedRun run, Prediction prediction) {}

    /** At most this many untimed warm-up passes before the timed one. */
    private static final int WARMUP_RUNS = 10;
    /** ... and at most this much time spent on them (1.5 s). */
    private static final long WARMUP_NANOS = 1_500_000_000L;

    private HtmlReport() {}

    /**
     * Writes the report without the feature-visualisation sections. Runs the model a few times (untimed
     * warm-up passes, then the timed run) on the calling thread.
     *
     * @param in       the model, the image and the layout
     * @param dir      the folder to write into, created if missing; files of the same names are replaced
     * @param progress receives short status lines ("running layer 3/20: conv2d_1"); may be null
     * @return what was written and computed
     * @throws IllegalArgumentException if the model does not have exactly one input and one output,
     *                                  or a layer refuses the input
     * @throws java.io.UncheckedIOException naming the file when the folder or a file cannot be written
     */
    public static Result write(ReportInput in, Path dir, Consumer<String> progress) {
        return write(in, dir, progress, null);
    }

    /**
     * Writes the report with the feature-visualisation sections (filter images, saliency, Grad-CAM;
     * see {@link org.convscope.viz.features.FeatureReport}) when {@code features} is not null.
     *
     * @param in       the model, the image and the layout
     * @param dir      the folder to write into, created if missing; files of the same names are replaced
     * @param progress receives short status lines; may be null
     * @param features the feature-visualisation options, or null to leave those sections out (they
     *                 compute gradients and are much slower than the rest)
     * @return what was written and computed
     * @throws IllegalArgumentException if the model does not have exactly one input and one output,
     *                                  or a layer refuses the input
     * @throws java.io.UncheckedIOException naming the file when the folder or a file cannot be written
     */
    public static Result write(ReportInput in, Path dir, Consumer<String> progress, org.convscope.viz.features.FeatureReport.Options features) {
        return write(in, dir, progress, null, features);
    }

    /**
     * Writes the report, telling {@code steps} about each phase with the time it took and, for the
     * filter images, an estimate of what is left (lines for a log), and {@code progress} about
     * every layer (a live status line). When {@code features} has a budget, it is the budget of the
     * whole report: the filter images get what is left after the rest.
     *
     * @param in       the model, the image and the layout
     * @param dir      the folder to write into, created if missing; files of the same names are replaced
     * @param progress receives short status lines; may be null
     * @param steps    receives one line per phase; may be null
     * @param features the feature-visualisation options, or null to leave those sections out
     * @return what was written and computed
     * @throws IllegalArgumentException if the model does not have exactly one input and one output,
     *                                  a layer named in {@link ReportInput#layers()} is unknown or
     *                                  has no spatial output, or a layer refuses the input
     * @throws java.io.UncheckedIOException naming the file when the folder or a file cannot be written
     */
    public static Result write(ReportInput in, Path dir, Consumer<String> progress, Consumer<String> steps,
                               org.convscope.viz.features.FeatureReport.Options features) {
        long start = System.nanoTime();
        Consumer<String> say = progress == null ? s -> { } : progress;
        Consumer<String> log = steps == null ? s -> { } : steps;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create the report folder (" + e.getMessage() + ")", e);
        }
        List<String> convs = ConvLayers.names(in.graph());
        List<String> shownLayers = sectionLayers(in);
        int total = in.graph().nodes().size();
        say.accept("warm-up runs");
        if (in.graph().inputNames().size() == 1) {
            // Untimed warm-up through the same layer-by-layer path as the timed run, so the JIT has
            // compiled its hot loops (one pass is not enough for C2): up to WARMUP_RUNS passes, at
            // most WARMUP_NANOS in all.
            long deadline = System.nanoTime() + WARMUP_NANOS;
            int w = 0;
            for (; w < WARMUP_RUNS && System.nanoTime() < deadline; w++) {
                TimedRun.run(in.graph(), in.modelInput(), List.of(), null);
            }
            log.accept(String.format(Locale.ROOT, "warm-up: %d run%s, %.1f s", w, w == 1 ? "" : "s", (System.nanoTime() - start) / 1e9));
        }
        int[] done = {0};
        TimedRun run = TimedRun.run(in.graph(), in.modelInput(), shownLayers,
                r -> say.accept("running layer " + (++done[0]) + "/" + total + ": " + r.name()));
        if (run.outputs().size() != 1) {
            throw new IllegalArgumentException("model '" + in.modelName() + "' has " + run.outputs().size() + " outputs; the report shows single-output models");
        }
        log.accept(String.format(Locale.ROOT, "timed run of %d layers: %.1f s since the start", total, (System.nanoTime() - start) / 1e9));
        Prediction prediction = Prediction.of(run.outputs().values().iterator().next(), in.classNames());
        List<Path> pictures = new ArrayList<>();

        Path inputPng = dir.resolve("input.png");
        Png.write(inputPicture(in.shownInput()), inputPng);
        pictures.add(inputPng);

        long drawStart = System.nanoTime();
        StringBuilder layers = new StringBuilder();
        StringBuilder toc = new StringBuilder();
        boolean collapse = shownLayers.size() > OPEN_SECTIONS;
        int i = 0;
        for (String name : shownLayers) {
            i++;
            say.accept("drawing layer " + i + "/" + shownLayers.size() + ": " + name);
            Node node = in.graph().node(name);
            Tensor act = run.kept().get(name);
            String base = String.format(Locale.ROOT, "%02d-%s", i, safe(name));
            LayerRecord rec = record(run, name);
            boolean open = !collapse || i <= 2 || i == shownLayers.size();
            StringBuilder head = new StringBuilder();
            head.append("<h3>").append(i).append(". ").append(esc(name)).append(" <span class=\"cls\">").append(esc(node.layer().kerasClass())).append("</span></h3>\n");
            head.append("<p class=\"meta\">").append(meta(in.graph(), run, name, rec)).append("</p>\n");
            toc.append("<li><a href=\"#").append(esc(base)).append("\">").append(esc(name)).append("</a> <span class=\"dim\">")
                    .append(esc(Shapes.toString(rec.shape()))).append("</span></li>\n");
            StringBuilder figs = new StringBuilder();
            String thumb = null;
            if (act != null && act.rank() == 4) {
                FeatureMapOptions o = in.maps();
                if (o.rows() == 0) o = o.withRows(Math.max(1, (Math.min(in.maxMaps(), act.dim(3) - Math.min(o.offset(), act.dim(3) - 1)) + o.cols() - 1) / o.cols()));
                if (o.offset() >= act.dim(3)) o = o.withOffset(0);
                Tensor drawn = shrink(act, MAX_MAP_SIDE);
                Path png = dir.resolve(base + "-maps.png");
                Png.write(FeatureMapGrid.render(drawn, name, o.withTitle(false)).image(), png); // the caption says what it shows
                pictures.add(png);
                thumb = png.getFileName().toString();
                int shown = Math.min(o.rows() * o.cols(), act.dim(3) - o.offset());
                figure(figs, png, "Feature maps of " + name, "Feature maps: " + (shown == act.dim(3) ? "all " + shown + " channels"
                        : "channels " + o.offset() + "–" + (o.offset() + shown - 1) + " of " + act.dim(3))
                        + " (numbered in each cell's corner when the cells are large enough), each scaled to its own min/max, " + o.colormap().name()
                        + (o.gamma() != 1f ? ", gamma " + o.gamma() : "")
                        + (drawn != act ? String.format(Locale.ROOT, "; drawn at %d×%d (averaged from %d×%d)", drawn.dim(1), drawn.dim(2), act.dim(1), act.dim(2)) : "")
                        + ".", "maps");
            }
            if (ConvLayers.isConv(node.layer())) kernelFigures(figs, dir, base, name, node, pictures);
            layers.append(collapse ? "<details class=\"layer\" id=\"" + esc(base) + "\"" + (open ? " open" : "") + "><summary>"
                    : "<section class=\"layer\" id=\"" + esc(base) + "\">\n");
            layers.append(head);
            if (collapse && thumb != null) layers.append("<img class=\"thumb\" src=\"").append(esc(thumb)).append("\" alt=\"\" loading=\"lazy\">");
            if (collapse) layers.append("</summary>\n");
            layers.append("<div class=\"figs\">\n").append(figs).append("</div>\n").append(collapse ? "</details>\n" : "</section>\n");
        }
        log.accept(String.format(Locale.ROOT, "drew %d layers: %.1f s", shownLayers.size(), (System.nanoTime() - drawStart) / 1e9));

        // receptive field of the deepest conv layer (section owned by org.convscope.viz.explain)
        layers.append(org.convscope.viz.explain.ReceptiveFieldSection.write(in.graph(), run.kept(), in.shownInput(), dir, pictures));

        // Feature visualisation (org.convscope.viz.features): saliency, Grad-CAM, filter images, in what is left of the budget.
        String featureHtml = "";
        if (features != null) {
            var f = features;
            if (f.budgetSeconds() > 0) f = f.withBudget(Math.max(1e-3, f.budgetSeconds() - (System.nanoTime() - start) / 1e9));
            // a single sigmoid unit: explain its own class (class 1), the only score the output holds
            boolean binary = run.outputs().values().iterator().next().size() == 1;
            int cls = prediction.ranked().isEmpty() ? -1 : binary ? 0 : prediction.top().index();
            String clsName = binary ? prediction.ranked().stream().filter(e -> e.index() == 1).findFirst().orElseThrow().name() : prediction.top().name();
            var sec = org.convscope.viz.features.FeatureReport.write(in.graph(), in.modelInput(), in.shownInput(),
                    cls, clsName, dir, f, say, log, in.classNames());
            pictures.addAll(sec.pictures());
            featureHtml = sec.html();
        }

        String html = page(in, prediction, run, layers.toString(), featureHtml, toc.toString(), convs.size(), shownLayers.size(), collapse);
        Path index = dir.resolve("index.html");
        try {
            Files.writeString(index, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(index + ": cannot write (" + e.getMessage() + ")", e);
        }
        log.accept(String.format(Locale.ROOT, "report written: %.1f s in all", (System.nanoTime() - start) / 1e9));
        return new Result(index, List.copyOf(pictures), run, prediction);
    }

    /** More sections than this are collapsed ({@code <details>}), all but the first two and the last. */
    static final int OPEN_SECTIONS = 12;
    /** Feature maps larger than this many pixels on a side are averaged down for the report. */
    static final int MAX_MAP_SIDE = 128;

    /** The layers that get a section: those asked for, else every conv layer, else every spatial layer. */
    static List<String> sectionLayers(ReportInput in) {
        Graph g = in.graph();
        if (in.layers() != null) {
            for (String l : in.layers()) {
                int[] s = g.shapeOf(l);  // unknown: the message lists the layers
                if (s.length != 4) throw new IllegalArgumentException("layer '" + l + "' gives " + Shapes.toString(s) + ", not feature maps [N,H,W,C]");
            }
            return in.layers();
        }
        List<String> convs = ConvLayers.names(g);
        if (!convs.isEmpty()) return convs;
        List<String> out = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (n.layer() instanceof org.convscope.layers.InputLayer) continue;
            if (g.shapeOf(n.name()).length == 4) out.add(n.name());
        }
        return out;
    }

    /** The map averaged over f×f blocks so that its longer side is at most {@code max} (the map itself when it already is). */
    static Tensor shrink(Tensor act, int max) {
        int h = act.dim(1), w = act.dim(2), c = act.dim(3);
        int f = (Math.max(h, w) + max - 1) / max;
        if (f <= 1) return act;
        int oh = (h + f - 1) / f, ow = (w + f - 1) / f;
        float[] in = act.data();
        float[] out = new float[oh * ow * c];
        int[] count = new int[oh * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y / f) * ow + x / f, src = (y * w + x) * c;
                count[o]++;
                for (int k = 0; k < c; k++) out[o * c + k] += in[src + k];
            }
        }
        for (int o = 0; o < oh * ow; o++) for (int k = 0; k < c; k++) out[o * c + k] /= count[o];
        return Tensor.of(out, 1, oh, ow, c);
    }

    private static void kernelFigures(StringBuilder figs, Path dir, String base, String name, Node node, List<Path> pictures) {
        Tensor kernel = ConvLayers.kernel(node.layer());
        Path kpng = dir.resolve(base + "-kernels.png");
        KernelSlice shownSlice = KernelSlice.all().clamp(kernel, name, KernelGrid.MAX_FILTERS, KernelGrid.MAX_CHANNELS);
        boolean depthwise = ConvLayers.isDepthwise(node.layer());
        Png.write(KernelGrid.render(kernel, name, KernelSlice.all(), 0, 1, false, depthwise).image(), kpng);
        pictures.add(kpng);
        int[] ks = kernel.shape();
        String layout = KernelGrid.wraps(shownSlice)
                ? (depthwise ? "One kernel per input channel, left to right, top to bottom, numbered by channel."
                : ks[2] == 1 ? "One input channel, so each filter is a single kernel; left to right, top to bottom, numbered by filter."
                : "One kernel per input channel, left to right, top to bottom.")
                : "Rows: " + (depthwise ? "depth multipliers" : "filters") + " (numbered on the left); columns: input channels (numbered on top).";
        String count = depthwise
                ? "Depthwise kernels " + ks[0] + "×" + ks[1] + ": one per input channel (" + ks[2] + " channels × depth multiplier " + ks[3]
                + " = " + KernelSlice.kernelCount(ks) + " kernels), each channel filtered on its own"
                : "Kernels " + ks[0] + "×" + ks[1] + ": " + ks[3] + " filters × " + ks[2] + " input channels = " + KernelSlice.kernelCount(ks) + " kernels";
        figure(figs, kpng, "Kernels of " + name, count + capNote(ks) + ". " + layout + " Blue &lt; 0 &lt; red, one scale for the grid.", "kernels");
        Tensor pw = ConvLayers.pointwise(node.layer());
        if (pw != null) {
            Path ppng = dir.resolve(base + "-pointwise.png");
            Png.write(KernelGrid.render(pw, name, KernelSlice.all(), 6, 1, false).image(), ppng);
            pictures.add(ppng);
            int[] ps = pw.shape();
            figure(figs, ppng, "Pointwise kernels of " + name, "Pointwise 1×1 kernels: " + ps[3] + " filters (rows) mixing "
                    + ps[2] + " channels (columns)" + capNote(ps) + ".", "kernels");
        }
        if (ks[2] == 3 && node.layer().kerasClass().equals("Conv2D")) {
            Path rgb = dir.resolve(base + "-filters-rgb.png");
            Png.write(FilterPatches.render(kernel, name, 16, 0, 2).image(), rgb);
            pictures.add(rgb);
            figure(figs, rgb, "Filters of " + name + " as colour patches", "The " + ks[3]
                    + " filters as RGB patches (their red, green and blue kernels), one scale for the layer.", "kernels");
        }
    }

    private static String capNote(int[] ks) {
        return ks[3] > KernelGrid.MAX_FILTERS || ks[2] > KernelGrid.MAX_CHANNELS
                ? " (showing the first " + Math.min(ks[3], KernelGrid.MAX_FILTERS) + " × " + Math.min(ks[2], KernelGrid.MAX_CHANNELS) + ")" : "";
    }

    private static void figure(StringBuilder b, Path png, String alt, String caption, String cls) {
        b.append("<figure class=\"").append(cls).append("\"><img src=\"").append(esc(png.getFileName().toString())).append("\" alt=\"")
                .append(esc(alt)).append("\" loading=\"lazy\"><figcaption>").append(caption).append("</figcaption></figure>\n");
    }

    private static LayerRecord record(TimedRun run, String name) {
        for (LayerRecord r : run.records()) if (r.name().equals(name)) return r;
        throw new IllegalStateException("no record for " + name);
    }

    /**
     * The meta line of a layer's section: shape, time, and statistics of the values the next layer
     * sees (after the BatchNormalization and activation the layer feeds, {@link AfterActivation}).
     */
    static String meta(Graph g, TimedRun run, String name, LayerRecord r) {
        AfterActivation after = AfterActivation.of(g, name);
        ActivationStats s = record(run, after.node()).stats();
        String where = after.chain().isEmpty() ? "" : " after " + esc(String.join(" → ", after.chain())) + ":";
        String body = after.rectifying()
                ? String.format(Locale.ROOT, "%s min %.3g, mean %.3g, max %.3g · %.0f%% of values switched off by the ReLU · %d of %d channels dead (no positive value)",
                where, s.min(), s.mean(), s.max(), 100 * s.zeroFraction(), s.deadChannels(), s.channels())
                : String.format(Locale.ROOT, "%s min %.3g, mean %.3g, max %.3g · no ReLU follows (%.0f%% of values ≤ 0)",
                where, s.min(), s.mean(), s.max(), 100 * s.zeroFraction());
        return "output " + esc(Shapes.toString(r.shape())) + " · " + ms(r.millis()) + " ·" + body;
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.0f ms", millis);
    }

    /** A file-name-safe form of a layer name. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.isEmpty() ? "layer" : s;
    }

    /** The input enlarged (nearest) to about 256 pixels, gray or RGB. */
    static BufferedImage inputPicture(Tensor shown) {
        int h = shown.dim(1), w = shown.dim(2), c = shown.dim(3);
        int scale = Math.max(1, 256 / Math.max(h, w));
        int[] rgb = new int[h * w];
        float[] d = shown.data();
        for (int p = 0; p < h * w; p++) {
            int r = byteOf(d[p * c]), g = c >= 3 ? byteOf(d[p * c + 1]) : r, b = c >= 3 ? byteOf(d[p * c + 2]) : r;
            rgb[p] = (r << 16) | (g << 8) | b;
        }
        BufferedImage img = Canvas.blank(w * scale, h * scale, Canvas.BACKGROUND);
        Canvas.blit(img, rgb, h, w, 0, 0, scale);
        return img;
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }

    private static String page(ReportInput in, Prediction p, TimedRun run, String layers, String features, String toc, int convCount,
                               int sectionCount, boolean collapsed) {
        StringBuilder b = new StringBuilder(32_768);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        b.append("<title>convscope: what ").append(esc(in.modelName())).append(" sees</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<header><h1>What <code>").append(esc(in.modelName())).append("</code> sees</h1>\n");
        Prediction.Entry top = p.top();
        b.append("<p class=\"lead\">Prediction: <strong>").append(esc(top.name())).append("</strong> ")
                .append(String.format(Locale.ROOT, "%.4f", top.score())).append(" · ").append(convCount).append(" convolution layers · ")
                .append(run.records().size()).append(" layers in ").append(ms(run.totalMillis())).append("</p>\n");
        b.append("<nav><a href=\"#input\">input</a> <a href=\"#summary\">summary</a> <a href=\"#layers\">layers</a>")
                .append(features.contains("id=\"attribution\"") ? " <a href=\"#attribution\">saliency &amp; Grad-CAM</a>" : "")
                .append(features.contains("id=\"filters\"") ? " <a href=\"#filters\">filter images</a>" : "")
                .append(" <a href=\"#timing\">every layer</a></nav></header>\n");
        b.append("<main>\n<section id=\"input\" class=\"cols\">\n<figure class=\"input\"><img src=\"input.png\" alt=\"The input image\"><figcaption>")
                .append(esc(in.inputNote())).append("<br>Model input ").append(esc(Shapes.toString(in.modelInput().shape()))).append(".");
        for (String n : in.notes()) b.append("<br><span class=\"").append(n.startsWith("warning") ? "warn" : "dim").append("\">").append(esc(n)).append("</span>");
        b.append("</figcaption></figure>\n");
        b.append("<div class=\"pred\"><h2>Prediction</h2>\n<table class=\"bars\">\n");
        int shown = Math.min(p.ranked().size(), 10);
        for (int i = 0; i < shown; i++) {
            Prediction.Entry e = p.ranked().get(i);
            double pct = Math.max(0, Math.min(1, e.score())) * 100;
            b.append("<tr><th>").append(esc(e.name())).append("</th><td class=\"bar\"><span style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", pct)).append("%\"></span></td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.4f", e.score())).append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (p.ranked().size() > shown) b.append("<p class=\"dim\">(top ").append(shown).append(" of ").append(p.ranked().size()).append(")</p>\n");
        if (p.note() != null) b.append("<p class=\"dim\">").append(esc(p.note())).append("</p>\n");
        if (!p.named()) b.append("<p class=\"dim\">Class names unknown (give them with --classes).</p>\n");
        String kind = convCount > 0 && in.layers() == null ? "Convolution layers" : "Layers shown";
        b.append("<h2>").append(kind).append("</h2>\n<ol class=\"toc\">\n").append(toc).append("</ol>\n</div>\n</section>\n");
        b.append("<section id=\"summary\"><h2>Model summary</h2>\n<pre>").append(esc(in.summary())).append("</pre></section>\n");
        b.append("<section id=\"layers\"><h2>What each ").append(convCount > 0 && in.layers() == null ? "convolution layer" : "layer")
                .append(" sees</h2>\n<p class=\"dim\">Feature maps: the layer's output channels for this image"
                + " (bright = strong response). Kernels: the weights the layer slides over its input; a filter is one row, one kernel per input channel.");
        if (collapsed) b.append(" ").append(sectionCount).append(" layers: click a layer to open it (the index above opens it too).");
        b.append("</p>\n");
        b.append(layers).append("</section>\n");
        b.append(features);
        b.append("<section id=\"timing\"><h2>Every layer: time and statistics</h2>\n<div class=\"scroll\"><table class=\"grid\">\n<thead><tr><th>#</th><th>layer</th><th>class</th><th>kernel path</th>"
                + "<th>output shape</th><th>time</th><th></th><th>min</th><th>mean</th><th>max</th><th>≤ 0</th><th>dead ch.</th></tr></thead>\n<tbody>\n");
        long maxNanos = 1;
        for (LayerRecord r : run.records()) maxNanos = Math.max(maxNanos, r.nanos());
        int n = 0;
        for (LayerRecord r : run.records()) {
            ActivationStats s = r.stats();
            String path = in.graph().hasNode(r.name()) ? in.graph().node(r.name()).layer().kernelPath() : null;
            b.append("<tr><td class=\"num\">").append(n++).append("</td><td>").append(esc(r.name())).append("</td><td>").append(esc(r.kerasClass()))
                    .append("</td><td class=\"small\">").append(path == null ? "" : esc(path))
                    .append("</td><td>").append(esc(Shapes.toString(r.shape()))).append("</td><td class=\"num\">").append(ms(r.millis()))
                    .append("</td><td class=\"bar small\"><span style=\"width:").append(String.format(Locale.ROOT, "%.1f", 100.0 * r.nanos() / maxNanos))
                    .append("%\"></span></td>").append(String.format(Locale.ROOT,
                            "<td class=\"num\">%.3g</td><td class=\"num\">%.3g</td><td class=\"num\">%.3g</td><td class=\"num\">%.0f%%</td><td class=\"num\">%d/%d</td></tr>%n",
                            s.min(), s.mean(), s.max(), 100 * s.zeroFraction(), s.deadChannels(), s.channels()));
        }
        b.append("</tbody>\n</table></div>\n<p class=\"dim\">Times are one run on this machine, after untimed warm-up runs (up to 10, at most 1.5 s) that let the JIT compile the hot loops. "
                + "“Kernel path”: how the engine computes each convolution on this machine (its path planner's choice, e.g. Winograd F(4x4,3x3) or an implicit-GEMM im2col with the micro-kernel's MR×NR). "
                + "Statistics are of each layer's own output: “≤ 0”, the share of values at or below zero (switched off when that output is a ReLU's); "
                + "“dead ch.”, channels with no positive value for this image. The layer sections above measure after the BatchNormalization and activation a layer feeds.</p></section>\n");
        b.append("</main>\n<footer>Made by convscope, a pure-Java convolution engine.</footer>\n");
        // a link to a collapsed layer opens it
        b.append("<script>function openTarget(){var e=location.hash&&document.getElementById(decodeURIComponent(location.hash.slice(1)));"
                + "if(e&&e.tagName==='DETAILS'){e.open=true;e.scrollIntoView();}}addEventListener('hashchange',openTarget);openTarget();</script>\n");
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 1180px;
                   padding: 0 20px 40px; color: #222; background: #fff; line-height: 1.45; }
            header { border-bottom: 1px solid #ddd; margin-bottom: 16px; } nav { margin: 0 0 10px; font-size: 0.92em; }
            nav a { margin-right: 12px; white-space: nowrap; } .warn { color: #a33; }
            details.layer > summary { cursor: pointer; list-style-position: outside; margin-left: 1.2em; }
            details.layer > summary h3, details.layer > summary p { display: inline-block; margin-right: 10px; }
            img.thumb { height: 40px; vertical-align: middle; border: 1px solid #ddd; image-rendering: auto; }
            details[open] > summary img.thumb { display: none; }
            .scroll { overflow-x: auto; max-width: 100%; }
            img { max-width: 100%; height: auto; }
            h1 { font-size: 1.6em; margin: 18px 0 4px; } h2 { font-size: 1.25em; margin: 22px 0 8px; }
            h3 { font-size: 1.05em; margin: 0 0 4px; } .cls { font-weight: normal; color: #666; font-size: 0.9em; }
            .lead { font-size: 1.1em; margin: 4px 0 12px; } .dim { color: #666; font-size: 0.9em; }
            code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
            pre { background: #f6f6f6; border: 1px solid #e2e2e2; padding: 10px; overflow-x: auto; font-size: 12px; line-height: 1.3; max-height: 420px; }
            .cols { display: flex; gap: 32px; align-items: flex-start; flex-wrap: wrap; }
            figure { margin: 0 0 12px; } figcaption { color: #555; font-size: 0.88em; max-width: 760px; }
            figure.input img { width: 256px; max-width: 100%; height: auto; image-rendering: pixelated; border: 1px solid #ccc; }
            figure.input figcaption { max-width: 256px; }
            .pred { flex: 1 1 300px; min-width: 0; max-width: 100%; } .pred h2:first-child { margin-top: 0; }
            table.bars { border-collapse: collapse; width: 100%; max-width: 520px; }
            table.bars th { text-align: left; font-weight: 600; padding: 2px 10px 2px 0; width: 7em; white-space: nowrap; }
            h1, h3 { overflow-wrap: anywhere; }
            td.bar { width: 100%; padding: 2px 0; } td.bar span { display: block; height: 14px; background: #3b6fb6; min-width: 1px; }
            td.bar.small { width: 120px; } td.bar.small span { height: 10px; background: #8aa9d6; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; padding-left: 10px; white-space: nowrap; }
            .toc { columns: 16em auto; font-size: 0.92em; padding-left: 2.4em; margin: 0; }
            .toc li { overflow-wrap: anywhere; }
            .layer { border-top: 1px solid #e4e4e4; padding: 14px 0 6px; }
            .meta { color: #555; font-size: 0.88em; margin: 0 0 8px; }
            .figs { display: flex; flex-wrap: wrap; gap: 12px 28px; align-items: flex-start; }
            .figs img { max-width: 100%; image-rendering: pixelated; border: 1px solid #ddd; }
            table.grid { border-collapse: collapse; font-size: 0.85em; width: 100%; }
            table.grid th, table.grid td { border-bottom: 1px solid #eee; padding: 3px 6px; text-align: left; }
            table.grid thead th { border-bottom: 2px solid #ccc; position: sticky; top: 0; background: #fff; }
            footer { margin-top: 30px; color: #888; font-size: 0.85em; border-top: 1px solid #eee; padding-top: 8px; }
            """;

    /**
     * {@return the file names referenced by {@code <img src="...">} in an index.html text, in page
     * order} Used by tests to check that every picture the page shows exists.
     *
     * @param html the page's text
     */
    public static List<String> imageSources(String html) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
