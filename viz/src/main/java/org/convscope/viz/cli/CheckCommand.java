package org.convscope.viz.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.convscope.keras.KerasModel;
import org.convscope.keras.check.CheckOptions;
import org.convscope.keras.check.CheckReport;
import org.convscope.keras.check.ReferenceCheck;
import org.convscope.keras.check.ReferenceData;
import org.convscope.keras.check.ReferenceFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code convscope check MODEL REFERENCE.h5}: runs the model on the reference's {@code /input} and
 * compares every layer the reference has values for ({@link ReferenceCheck}).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check that convscope computes what Keras computed: run MODEL on REFERENCE.h5's /input and compare every "
                + "layer stored under /outputs/<layer> (or /samples/<layer>). A layer passes when max|err| <= tolerance × max|ref|.",
                "See the README for the few lines of Python that write a reference file for your own model."},
        footer = {"", "Exit codes: 0 every layer within the tolerance, 1 a layer FAILs (or a file is missing or unreadable), 2 bad usage."})
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "Keras model file (.h5, .hdf5 or .keras).")
    Path model;

    @Parameters(index = "1", paramLabel = "REFERENCE", description = "Reference file: /input and /outputs/<layer> (the .io.h5 conventions).")
    Path reference;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "1e-5",
            description = "Relative tolerance: max|err| <= T × max|ref| per layer (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--layers", paramLabel = "a,b,...", split = ",", description = "Compare only these layers.")
    List<String> layers;

    @Option(names = "--json", description = "Write the table as JSON (for scripts) instead of text.")
    boolean json;

    @Mixin Common common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        CheckOptions options;
        try {
            options = new CheckOptions(tolerance, layers);
        } catch (IllegalArgumentException e) {
            throw Common.usage(cl, e.getMessage());
        }
        var progress = common.progress(System.err);
        KerasModel m = KerasModel.load(model);
        ReferenceData ref = ReferenceFile.read(reference);
        progress.step("running " + model.getFileName() + " on " + reference.getFileName() + "'s /input");
        CheckReport report;
        try {
            report = ReferenceCheck.run(m, ref, options);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("--layers")) throw Common.usage(cl, e.getMessage());
            throw e;
        }
        PrintWriter out = cl.getOut();
        out.print(json ? report.toJson() : report.render());
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
