package org.convscope.viz.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.convscope.viz.features.FilterGrid;
import org.convscope.viz.features.FilterVisualizer;
import org.convscope.viz.model.LoadedModel;
import org.convscope.viz.model.ModelLoader;
import org.convscope.viz.model.Preprocess;
import org.convscope.viz.render.Picture;
import org.convscope.viz.render.Png;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code convscope filters MODEL --layer L --steps N}: images that excite a conv layer's filters,
 * found by gradient ascent on the input ({@link FilterVisualizer}), as a grid PNG and optionally one
 * PNG per filter; a progress line per filter on stderr.
 */
@Command(name = "filters", mixinStandardHelpOptions = true,
        description = {"Draw the images that excite a conv layer's filters most (activation maximisation by gradient ascent "
                + "on the input image, like keras.io's 'visualizing what convnets learn'). Without MODEL: the bundled emotion model."})
final class FiltersCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "Keras model file (default: the bundled emotion model).")
    Path model;

    @Option(names = "--layer", paramLabel = "L", description = "Conv layer name (default: the first conv layer).")
    String layer;

    @Option(names = "--steps", paramLabel = "N", description = "Gradient-ascent steps per filter (default: 30 for pixel, 128 for lucid).")
    Integer steps;

    @Option(names = "--method", paramLabel = "M", defaultValue = "pixel",
            description = "pixel (keras.io: normalised-gradient steps in pixel space) or lucid (decorrelated Fourier image, "
                    + "random jitter/scale/rotation, Adam) (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--filters", paramLabel = "FROM:COUNT", defaultValue = "0:16", description = "Which filters (default: ${DEFAULT-VALUE}).")
    String filters;

    @Option(names = "--cols", paramLabel = "C", defaultValue = "8", description = "Grid columns (default: ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed; filter f starts from seed + f (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--jitter", paramLabel = "PX", defaultValue = "0",
            description = "pixel method: shift the image randomly by up to PX pixels before each step (default: ${DEFAULT-VALUE}, as keras.io).")
    int jitter;

    @Option(names = "--each", paramLabel = "DIR", description = "Also write one PNG per filter into DIR.")
    Path each;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Filters computed at once (default: the number of cores).")
    int threads;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "convscope-out/filters.png", description = "Output PNG (default: ${DEFAULT-VALUE}).")
    Path output;

    @Mixin InputOptions input;
    @Mixin Common common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var cl = spec.commandLine();
        FilterVisualizer.Method m = switch (method.toLowerCase(Locale.ROOT)) {
            case "pixel" -> FilterVisualizer.Method.PIXEL;
            case "lucid" -> FilterVisualizer.Method.LUCID;
            default -> throw Common.usage(cl, "--method: expected pixel or lucid, got '" + method + "'");
        };
        if (steps != null && (steps < 1 || steps > 10_000)) throw Common.usage(cl, "--steps: expected 1 to 10000, got " + steps);
        if (jitter < 0 || jitter > 64) throw Common.usage(cl, "--jitter: expected 0 to 64, got " + jitter);
        if (cols < 1 || cols > 64) throw Common.usage(cl, "--cols: expected 1 to 64, got " + cols);
        int[] range = slice(cl, filters);
        var progress = common.progress(System.err);
        boolean bundled = model == null;
        Path file = bundled ? ModelLoader.extractDefault(ModelLoader.DEFAULT_MODEL) : model;
        LoadedModel lm = ModelLoader.load(file);
        String name = Common.convLayer(cl, lm.graph(), layer);
        // The input range: the bundled emotion model is fed [-1, 1]; others [0, 1] unless --range says otherwise.
        Preprocess p = input.forModel(cl, lm, bundled ? Preprocess.defaultFace() : null);
        int size = p.height() > 0 ? p.height() : 128;
        FilterVisualizer.Options o = (m == FilterVisualizer.Method.PIXEL ? FilterVisualizer.Options.pixel() : FilterVisualizer.Options.lucid())
                .withSeed(seed).withInputRange(p.offset(), p.offset() + p.scale()).withSize(size).withJitter(jitter);
        if (steps != null) o = o.withSteps(steps);
        int c = FilterVisualizer.channels(lm.graph(), name);
        KernelsCommand.pastEnd(cl, "--filters", filters, range, c, "filters", name);
        int count = Math.min(range[1], c - range[0]);
        progress.step(String.format(Locale.ROOT, "%s: %d filters of '%s' (%d in all), %s, %d steps each", lm.name(), count, name, c,
                m.name().toLowerCase(Locale.ROOT), o.steps()));
        int[] done = {0};
        long t0 = System.nanoTime();
        int th = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        List<Path> written = new ArrayList<>();
        List<FilterVisualizer.FilterImage> imgs = FilterVisualizer.visualize(lm.graph(), name, range[0], count, o, th, fi -> {
            progress.step(String.format(Locale.ROOT, "filter %d (%d/%d): mean activation %.4g -> %.4g  [%.1f s]", fi.filter(), ++done[0], count,
                    fi.startValue(), fi.endValue(), (System.nanoTime() - t0) / 1e9));
            if (each != null) {
                Path f = each.resolve(String.format(Locale.ROOT, "%s-filter-%03d.png", name.replaceAll("[^A-Za-z0-9_.-]", "_"), fi.filter()));
                Png.write(FilterGrid.single(fi.image(), Math.max(1, 128 / Math.max(fi.image().dim(1), fi.image().dim(2)))), f);
                written.add(f);
            }
        });
        List<String> labels = new ArrayList<>();
        boolean classLayer = lm.classNames().size() == c && c > 1;
        for (FilterVisualizer.FilterImage fi : imgs) labels.add(fi.filter() + (classLayer ? " " + lm.classNames().get(fi.filter()) : ""));
        Picture pic = FilterGrid.render(imgs, Math.min(cols, imgs.size()), 0, 2,
                name + "  filters " + range[0] + "–" + (range[0] + imgs.size() - 1) + " of " + c + "  (" + m.name().toLowerCase(Locale.ROOT) + ", " + o.steps() + " steps)"
                        + (classLayer ? ", one per class" : ""), labels);
        Png.write(pic.image(), output);
        cl.getOut().println("wrote " + output.toAbsolutePath().normalize() + " (" + pic.width() + "x" + pic.height() + "): " + imgs.size() + " filter images of '" + name + "'"
                + (each != null ? "; " + written.size() + " single PNGs in " + each : ""));
        cl.getOut().flush();
        return 0;
    }

    private static int[] slice(picocli.CommandLine cl, String v) {
        String[] p = v.split(":");
        try {
            int from = Integer.parseInt(p[0].trim()), n = p.length > 1 ? Integer.parseInt(p[1].trim()) : 1;
            if (p.length > 2 || from < 0 || n < 1) throw new NumberFormatException();
            return new int[] {from, n};
        } catch (NumberFormatException e) {
            throw Common.usage(cl, "--filters: expected FROM:COUNT (e.g. 0:16), got '" + v + "'");
        }
    }
}
