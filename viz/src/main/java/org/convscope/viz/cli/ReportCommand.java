package org.convscope.viz.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.convscope.viz.model.LoadedModel;
import org.convscope.viz.model.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convscope report MODEL IMAGE -o DIR}: the HTML report folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write an HTML report (index.html + PNGs in one folder): model summary, input, prediction, "
                + "and for every conv layer its feature maps, kernels, statistics and time."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "Keras model file.")
    Path model;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "PNG or JPEG image.")
    Path image;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "convscope-report", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--classes", paramLabel = "A,B,...", split = ",", description = "Class names of the model's outputs, in order "
            + "(default: MODEL's <name>.classes.txt beside it, if any).")
    List<String> classes;

    @Option(names = "--layers", paramLabel = "L1,L2", split = ",",
            description = "Layers that get a section (feature maps, and kernels for conv layers); any layer with a spatial output "
                    + "(default: every conv layer).")
    List<String> layers;

    @Mixin MapOptions maps;
    @Mixin InputOptions input;
    @Mixin FeatureOptions features;
    @Mixin Common common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var cl = spec.commandLine();
        var o = maps.options(cl);
        features.check(cl);
        LoadedModel m = ModelLoader.load(model);
        if (classes != null) m = new LoadedModel(m.name(), m.graph(), m.summary(), Common.checkClasses(cl, m, classes));
        if (layers != null) for (String l : layers) Common.spatialLayer(cl, m.graph(), "--layers", l);
        return DefaultJob.report(cl, m, input.forModel(cl, m, null), image, output, o, common, false,
                features.options(cl, org.convscope.viz.model.ConvLayers.names(m.graph())), layers, input.notes);
    }
}
