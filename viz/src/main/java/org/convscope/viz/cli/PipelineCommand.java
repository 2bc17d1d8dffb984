package org.convscope.viz.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.convscope.graph.Node;
import org.convscope.image.Interpolation;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;
import org.convscope.viz.color.Colormap;
import org.convscope.viz.kernels.KernelGrid;
import org.convscope.viz.model.ConvLayers;
import org.convscope.viz.model.LoadedModel;
import org.convscope.viz.model.ModelLoader;
import org.convscope.viz.model.Preprocess;
import org.convscope.viz.pipeline.ClassicKernels;
import org.convscope.viz.pipeline.FilterDetectCondense;
import org.convscope.viz.pipeline.PipelinePicture;
import org.convscope.viz.render.Picture;
import org.convscope.viz.render.Png;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convscope pipeline IMAGE --kernel K}: Filter (conv) → Detect (ReLU) → Condense (max-pool) for one kernel. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Show feature extraction step by step for one kernel on a gray image: "
                + "Filter (convolution), Detect (ReLU), Condense (2x2 max-pool), each computed by the engine's layers (PNG)."})
final class PipelineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "PNG or JPEG image (converted to gray).")
    Path image;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "edge",
            description = "edge (default), blur, bottom_sobel, emboss, sharpen, or MODEL:LAYER for a kernel of a trained conv layer.")
    String kernel;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed choosing the filter and input channel for MODEL:LAYER (default: 0).")
    long seed;

    @Option(names = "--cmap", paramLabel = "NAME", defaultValue = "magma", description = "Colormap of the three stages (default: ${DEFAULT-VALUE}).")
    String cmap;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "convscope-out/pipeline.png", description = "Output PNG (default: ${DEFAULT-VALUE}).")
    Path output;

    @Mixin InputOptions input;
    @Mixin Common common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var cl = spec.commandLine();
        Colormap map;
        try {
            map = Colormap.named(cmap);
        } catch (IllegalArgumentException e) {
            throw Common.usage(cl, "--cmap: " + e.getMessage());
        }
        float[][] k;
        String kernelName;
        if (ClassicKernels.has(kernel)) {
            k = ClassicKernels.get(kernel);
            kernelName = kernel.toLowerCase(Locale.ROOT);
        } else if (kernel.lastIndexOf(':') > 0) {
            // MODEL:LAYER; the layer may hold a ':' itself (base:1/inner), so take the first colon
            // after which the model file exists, else the last one
            int colon = kernel.lastIndexOf(':');
            for (int c = kernel.indexOf(':'); c > 0; c = kernel.indexOf(':', c + 1)) {
                if (java.nio.file.Files.isRegularFile(Path.of(kernel.substring(0, c)))) {
                    colon = c;
                    break;
                }
            }
            Path modelFile = Path.of(kernel.substring(0, colon));
            String layerName = kernel.substring(colon + 1);
            LoadedModel m = ModelLoader.load(modelFile);
            String name = Common.convLayer(cl, m.graph(), layerName, "--kernel " + kernel);
            Node node = m.graph().node(name);
            Tensor kt = ConvLayers.kernel(node.layer());
            int[] s = kt.shape();
            Random r = new Random(seed);
            int filter = r.nextInt(s[3]), channel = r.nextInt(s[2]);
            k = KernelGrid.kernel(kt, filter, channel);
            kernelName = name + " f" + filter + " c" + channel;
            cl.getOut().println("kernel: layer '" + name + "' " + Shapes.toString(s) + ", filter " + filter + ", input channel " + channel + " (seed " + seed + ")");
        } else {
            throw Common.usage(cl, "--kernel: unknown kernel '" + kernel + "'; choose one of " + String.join(", ", ClassicKernels.names())
                    + ", or MODEL:LAYER");
        }
        Preprocess p = input.apply(cl, new Preprocess(1, null, 0, 0, Interpolation.BILINEAR, 1f, 0f), 1);
        Tensor img = p.apply(image).input();
        FilterDetectCondense.Stages st = FilterDetectCondense.run(img, k);
        Picture pic = PipelinePicture.render(st, kernelName, map, 256);
        Png.write(pic.image(), output);
        cl.getOut().println("wrote " + output.toAbsolutePath().normalize() + " (" + pic.width() + "x" + pic.height() + "): input " + Shapes.toString(st.input().shape())
                + " -> filter " + Shapes.toString(st.filtered().shape()) + " -> detect -> condense " + Shapes.toString(st.condensed().shape()));
        cl.getOut().flush();
        return 0;
    }
}
