package org.convscope.viz.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;
import org.convscope.viz.maps.FeatureMapGrid;
import org.convscope.viz.maps.FeatureMapOptions;
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

/** {@code convscope maps MODEL IMAGE --layer L ...}: one layer's feature maps as a grid PNG. */
@Command(name = "maps", mixinStandardHelpOptions = true, description = "Draw one layer's feature maps for an image as a grid (PNG): "
        + "any layer with a spatial output (conv, BatchNormalization, activation, pooling...).")
final class MapsCommand implements Callable<Integer> {
    /** Without --rows, at most this many maps (rounded up to whole rows). */
    static final int MAX_DEFAULT_MAPS = 128;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Keras model file.")
    Path model;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "PNG or JPEG image.")
    Path image;

    @Option(names = "--layer", paramLabel = "L", description = "Layer name, any layer with a spatial output (default: the first conv layer).")
    String layer;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "convscope-out/maps.png", description = "Output PNG (default: ${DEFAULT-VALUE}).")
    Path output;

    @Mixin MapOptions maps;
    @Mixin InputOptions input;
    @Mixin Common common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var cl = spec.commandLine();
        FeatureMapOptions o = maps.options(cl);
        var progress = common.progress(System.err);
        LoadedModel m = ModelLoader.load(model);
        String name = Common.spatialLayer(cl, m.graph(), "--layer", layer);
        Preprocess.Prepared p = input.forModel(cl, m, null).apply(image);
        progress.step("running " + m.name() + " up to " + name + " on " + p.note());
        Tensor act = m.graph().activations(p.input(), List.of(name)).get(name);
        if (o.offset() >= act.dim(-1)) {
            throw Common.usage(cl, "--offset: " + o.offset() + " is past the " + act.dim(-1) + " channels of layer '" + name + "'");
        }
        String capped = "";
        if (maps.rows == null && act.dim(-1) - o.offset() > MAX_DEFAULT_MAPS) {
            // a 1280-channel layer would be a picture 20,000 pixels tall: the first maps, and how to see the rest
            o = o.withRows((MAX_DEFAULT_MAPS + o.cols() - 1) / o.cols());
            capped = "; the first " + o.rows() * o.cols() + " of " + (act.dim(-1) - o.offset()) + " (--rows and --offset for more)";
        }
        Picture pic = FeatureMapGrid.render(act, name, o);
        Png.write(pic.image(), output);
        var out = cl.getOut();
        out.println("wrote " + output.toAbsolutePath().normalize() + " (" + pic.width() + "x" + pic.height() + "): " + pic.cells().size() + " feature maps of '" + name
                + "' " + Shapes.toString(act.shape()) + capped);
        out.flush();
        return 0;
    }
}
