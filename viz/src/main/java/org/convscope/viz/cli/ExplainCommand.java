package org.convscope.viz.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.convscope.explain.ConvDemo;
import org.convscope.explain.DemoOptions;
import org.convscope.explain.ExplainTable;
import org.convscope.explain.Explainer;
import org.convscope.explain.ModelExplanation;
import org.convscope.geometry.Padding;
import org.convscope.graph.Graph;
import org.convscope.image.Interpolation;
import org.convscope.tensor.Tensor;
import org.convscope.viz.explain.ReceptiveFieldPicture;
import org.convscope.viz.explain.ReceptiveFieldSection;
import org.convscope.viz.model.LoadedModel;
import org.convscope.viz.model.ModelLoader;
import org.convscope.viz.model.Preprocess;
import org.convscope.viz.render.Png;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code convscope explain [MODEL] [--layer L]}: every layer's arithmetic (output-size formula with its
 * numbers, padding split, parameters and kernels, FLOPs, GEMM, im2col, receptive field);
 * {@code --demo}: a convolution step by step on a 4x4 example; {@code --receptive-field PNG}: the
 * input region one output cell sees.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain how a model computes: per layer the output-size formula with its numbers, the padding split, "
                + "parameters and kernels, FLOPs, the GEMM it becomes and its im2col matrix, and the receptive field on the input.",
                "MODEL defaults to the bundled emotion model.",
                "With --demo: a convolution done step by step on a 4x4 example (padding, im2col, the kernel as a column, the GEMM) "
                        + "next to the seven-loop reference."},
        footer = {"", "Examples:", "  convscope explain model.h5", "  convscope explain model.h5 --layer conv2d_3",
                "  convscope explain --demo --padding same --stride 2", "  convscope explain --receptive-field rf.png",
                "", "Exit codes: 0 ok, 1 failure (file missing or unreadable), 2 bad usage."})
final class ExplainCommand implements Callable<Integer> {
    private static final List<String> DEMO_OPTIONS = List.of("--size", "--kernel", "--stride", "--padding", "--dilation", "--channels");

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "Keras model file (.h5, .hdf5 or .keras); default: the bundled model.")
    Path model;

    @Option(names = "--layer", paramLabel = "L", description = "Explain only this layer, with every detail.")
    String layer;

    @Option(names = "--demo", description = "Show a convolution step by step on a tiny example instead of a model.")
    boolean demo;

    @Option(names = "--size", paramLabel = "N", defaultValue = "4", description = "--demo: the input is N×N (1..12, default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "3", description = "--demo: the kernel is K×K (1..5, default ${DEFAULT-VALUE}).")
    int kernel;

    @Option(names = "--stride", paramLabel = "S", defaultValue = "1", description = "--demo: stride (default ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--padding", paramLabel = "P", defaultValue = "valid", description = "--demo: valid or same (default ${DEFAULT-VALUE}).")
    String padding;

    @Option(names = "--dilation", paramLabel = "D", defaultValue = "1", description = "--demo: dilation (default ${DEFAULT-VALUE}).")
    int dilation;

    @Option(names = "--channels", paramLabel = "C", defaultValue = "1", description = "--demo: input channels (1..4, default ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--receptive-field", paramLabel = "PNG",
            description = "Write a picture of the input region one output cell of --layer (default: the deepest conv layer) sees.")
    Path receptiveField;

    @Option(names = "--image", paramLabel = "IMAGE", description = "--receptive-field: the image (default: the bundled astronaut).")
    Path image;

    @Option(names = "--channel", paramLabel = "C", defaultValue = "-1",
            description = "--receptive-field: the channel (default: the one with the largest value).")
    int channel;

    @Option(names = "--at", paramLabel = "ROW,COL", description = "--receptive-field: the output cell (default: the strongest of the channel).")
    String at;

    @Mixin Common common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        if (demo) {
            if (model != null || layer != null || receptiveField != null) {
                throw Common.usage(cl, "--demo takes no MODEL, --layer or --receptive-field; it explains a tiny example");
            }
            out.print(demo(cl).render());
            out.flush();
            return 0;
        }
        for (String o : DEMO_OPTIONS) {
            if (cl.getParseResult().hasMatchedOption(o)) throw Common.usage(cl, o + " is an option of --demo");
        }
        boolean bundled = model == null;
        LoadedModel m = ModelLoader.load(bundled ? ModelLoader.extractDefault(ModelLoader.DEFAULT_MODEL) : model);
        Graph g = m.graph();
        if (layer != null && !g.hasNode(layer)) {
            throw Common.usage(cl, "--layer: " + m.name() + ": " + org.convscope.graph.LayerPath.missing(g, layer).getMessage());
        }
        ModelExplanation e = Explainer.explain(g);
        out.print(layer == null ? e.render() : ExplainTable.renderLayer(e.layer(layer)));
        if (receptiveField != null) receptiveField(cl, m, bundled, out);
        out.flush();
        return 0;
    }

    private ConvDemo demo(CommandLine cl) {
        Padding p;
        try {
            p = Padding.of(padding);
        } catch (IllegalArgumentException ex) {
            throw Common.usage(cl, "--padding: expected valid or same, got '" + padding + "'");
        }
        try {
            return ConvDemo.run(new DemoOptions(size, channels, kernel, stride, p, dilation));
        } catch (IllegalArgumentException ex) {
            throw Common.usage(cl, ex.getMessage());
        }
    }

    private void receptiveField(CommandLine cl, LoadedModel m, boolean bundledModel, PrintWriter out) {
        Graph g = m.graph();
        String target = layer != null ? layer : ReceptiveFieldSection.deepestConv(g);
        if (target == null) throw Common.usage(cl, "--receptive-field: model '" + m.name() + "' has no convolution layer; name one with --layer");
        if (g.shapeOf(target).length != 4) {
            throw Common.usage(cl, "--receptive-field: layer '" + target + "' has no spatial output " + java.util.Arrays.toString(g.shapeOf(target)));
        }
        int[] cell = at == null ? null : parseAt(cl, at);
        boolean bundledImage = image == null;
        Path img = bundledImage ? ModelLoader.extractDefault(ModelLoader.DEFAULT_IMAGE) : image;
        Preprocess face = Preprocess.defaultFace();
        int[] in = m.inputShape();
        int ch = in.length == 4 && (in[3] == 1 || in[3] == 3) ? in[3] : 3;
        Preprocess pre = bundledModel
                ? new Preprocess(face.channels(), bundledImage ? face.crop() : null, face.height(), face.width(), face.interpolation(), face.scale(), face.offset())
                : new Preprocess(ch, null, in.length == 4 ? in[1] : -1, in.length == 4 ? in[2] : -1, Interpolation.BILINEAR, 1f, 0f);
        Preprocess.Prepared p = pre.apply(img);
        Tensor act = g.activations(p.input(), List.of(target)).get(target);
        ReceptiveFieldPicture.Result r;
        try {
            r = ReceptiveFieldPicture.render(g, target, act, channel, cell, p.shown());
        } catch (IllegalArgumentException ex) {
            throw Common.usage(cl, ex.getMessage());
        }
        Png.write(r.image(), receptiveField);
        out.println();
        out.println(r.caption());
        out.println("Picture: " + receptiveField.toAbsolutePath().normalize() + "   [" + p.note() + "]");
    }

    private static int[] parseAt(CommandLine cl, String s) {
        String[] f = s.split(",");
        try {
            if (f.length != 2) throw new NumberFormatException();
            return new int[] {Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim())};
        } catch (NumberFormatException e) {
            throw Common.usage(cl, "--at: expected ROW,COL, got '" + s + "'");
        }
    }
}
