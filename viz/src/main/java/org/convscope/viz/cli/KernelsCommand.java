package org.convscope.viz.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.convscope.graph.Node;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;
import org.convscope.viz.kernels.FilterPatches;
import org.convscope.viz.kernels.KernelCells;
import org.convscope.viz.kernels.KernelGrid;
import org.convscope.viz.kernels.KernelSlice;
import org.convscope.viz.model.ConvLayers;
import org.convscope.viz.model.LoadedModel;
import org.convscope.viz.model.ModelLoader;
import org.convscope.viz.render.Picture;
import org.convscope.viz.render.Png;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convscope kernels MODEL --layer L}: a conv layer's kernels (grid, RGB patches, or one kernel with its numbers). */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = {"Draw a conv layer's kernels (PNG). A filter is one kernel per input channel: "
                + "16 filters on 3 channels = 48 kernels. Grid rows = filters, columns = input channels."})
final class KernelsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "Keras model file.")
    Path model;

    @Option(names = "--layer", paramLabel = "L", description = "Conv layer name (default: the first conv layer).")
    String layer;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "convscope-out/kernels.png", description = "Output PNG (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--filters", paramLabel = "FROM:COUNT", description = "Slice of filters (rows), e.g. 0:8 (default: all, at most 32).")
    String filters;

    @Option(names = "--channels", paramLabel = "FROM:COUNT", description = "Slice of input channels (columns) (default: all, at most 32).")
    String channels;

    @Option(names = "--rgb", description = "Draw each filter as an RGB patch (layers on 3 input channels).")
    boolean rgb;

    @Option(names = "--one", paramLabel = "FILTER,CHANNEL", description = "Draw one kernel large with its numbers in the cells.")
    String one;

    @Option(names = "--scale", paramLabel = "PX", defaultValue = "0", description = "Pixels per weight (default: automatic).")
    int scale;

    @Mixin Common common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var cl = spec.commandLine();
        if (scale < 0 || scale > 64) throw Common.usage(cl, "--scale: expected 0 (automatic) to 64, got " + scale);
        int[] f = slice(cl, "--filters", filters), c = slice(cl, "--channels", channels);
        int[] pick = one == null ? null : pair(cl, one);
        LoadedModel m = ModelLoader.load(model);
        String name = Common.convLayer(cl, m.graph(), layer);
        Node node = m.graph().node(name);
        Tensor k = ConvLayers.kernel(node.layer());
        int[] s = k.shape();
        Picture pic;
        String what;
        if (pick != null) {
            if (pick[0] >= s[3] || pick[1] >= s[2]) {
                throw Common.usage(cl, "--one: layer '" + name + "' has " + s[3] + " filters and " + s[2] + " input channels, got " + one);
            }
            pic = KernelCells.render(KernelGrid.kernel(k, pick[0], pick[1]), name + ": filter " + pick[0] + ", input channel " + pick[1]);
            what = "kernel (filter " + pick[0] + ", channel " + pick[1] + ") of '" + name + "'";
        } else if (rgb) {
            if (s[2] != 3) throw Common.usage(cl, "--rgb: layer '" + name + "' has " + s[2] + " input channels, not 3");
            pic = FilterPatches.render(k, name, 16, scale, 2);
            what = s[3] + " filters of '" + name + "' as RGB patches";
        } else {
            pastEnd(cl, "--filters", filters, f, s[3], ConvLayers.isDepthwise(node.layer()) ? "depth multipliers" : "filters", name);
            pastEnd(cl, "--channels", channels, c, s[2], "input channels", name);
            KernelSlice sl;
            try {
                sl = new KernelSlice(f[0], f[1], c[0], c[1]).clamp(k, name, KernelGrid.MAX_FILTERS, KernelGrid.MAX_CHANNELS);
            } catch (IllegalArgumentException e) {
                throw Common.usage(cl, e.getMessage());
            }
            boolean depthwise = ConvLayers.isDepthwise(node.layer());
            pic = KernelGrid.render(k, name, sl, scale, 1, true, depthwise);
            String channelsShown = "input channels " + sl.channelOffset() + "–" + (sl.channelOffset() + sl.channels() - 1);
            String shownRange = depthwise
                    ? channelsShown + (s[3] > 1 ? " x depth multipliers " + sl.filterOffset() + "–" + (sl.filterOffset() + sl.filters() - 1) : "")
                    : "filters " + sl.filterOffset() + "–" + (sl.filterOffset() + sl.filters() - 1) + " x " + channelsShown;
            what = pic.cells().size() + " of the " + KernelSlice.kernelCount(s) + " kernels of '" + name + "' " + Shapes.toString(s)
                    + (depthwise ? " (depthwise: " + s[2] + " input channels x depth multiplier " + s[3] + ", each channel filtered on its own)"
                    : " (" + s[3] + " filters x " + s[2] + " input channels)") + "; shown: " + shownRange;
        }
        Png.write(pic.image(), output);
        cl.getOut().println("wrote " + output.toAbsolutePath().normalize() + " (" + pic.width() + "x" + pic.height() + "): " + what);
        cl.getOut().flush();
        return 0;
    }

    private static int[] slice(picocli.CommandLine cl, String opt, String v) {
        if (v == null) return new int[]{0, 0};
        String[] p = v.split(":");
        try {
            int from = Integer.parseInt(p[0].trim()), n = p.length > 1 ? Integer.parseInt(p[1].trim()) : 0;
            if (p.length > 2 || from < 0 || n < 0) throw new NumberFormatException();
            return new int[]{from, n};
        } catch (NumberFormatException e) {
            throw Common.usage(cl, opt + ": expected FROM:COUNT (e.g. 0:8), got '" + v + "'");
        }
    }

    /** A FROM:COUNT slice that runs past the end is a usage error saying what exists. */
    static void pastEnd(picocli.CommandLine cl, String opt, String given, int[] fc, int size, String what, String layer) {
        if (given == null) return;
        if (fc[0] >= size || (fc[1] > 0 && fc[0] + fc[1] > size)) {
            String fix = fc[0] < size ? "; " + fc[0] + ":" + (size - fc[0]) + " shows " + fc[0] + "–" + (size - 1) : "";
            throw Common.usage(cl, opt + ": '" + given + "' asks for " + what + " " + fc[0] + "–" + (fc[0] + Math.max(1, fc[1]) - 1) + ", but layer '" + layer
                    + "' has " + size + " " + what + " (0–" + (size - 1) + ")" + fix);
        }
    }

    private static int[] pair(picocli.CommandLine cl, String v) {
        String[] p = v.split(",");
        try {
            if (p.length != 2) throw new NumberFormatException();
            int a = Integer.parseInt(p[0].trim()), b = Integer.parseInt(p[1].trim());
            if (a < 0 || b < 0) throw new NumberFormatException();
            return new int[]{a, b};
        } catch (NumberFormatException e) {
            throw Common.usage(cl, "--one: expected FILTER,CHANNEL (e.g. 0,0), got '" + v + "'");
        }
    }
}
