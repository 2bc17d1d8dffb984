package org.convscope.viz.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.convscope.viz.model.ConvLayers;
import org.convscope.viz.model.LoadedModel;
import org.convscope.viz.model.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code convscope summary MODEL}: the model's layers, shapes and parameter counts. */
@Command(name = "summary", mixinStandardHelpOptions = true, description = "Print a Keras model's summary: layers, output shapes, parameters.")
final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "Keras model file (.h5, .hdf5 or .keras).")
    Path model;

    @Option(names = {"-e", "--expand-nested"}, description = "List the layers of nested models (a pretrained base inside a "
            + "transfer-learning model) under their row, like Keras's summary(expand_nested=True).")
    boolean expandNested;

    @Mixin Common common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        LoadedModel m = ModelLoader.load(model, expandNested);
        var out = spec.commandLine().getOut();
        out.println(m.summary());
        out.println("Conv layers: " + ConvLayers.listing(ConvLayers.names(m.graph())));
        if (!m.classNames().isEmpty()) out.println("Classes: " + String.join(", ", m.classNames()));
        out.flush();
        return 0;
    }
}
