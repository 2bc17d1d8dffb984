package org.convscope.viz.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.convscope.viz.maps.FeatureMapOptions;
import org.convscope.viz.model.LoadedModel;
import org.convscope.viz.model.ModelLoader;
import org.convscope.viz.model.Preprocess;
import org.convscope.viz.report.HtmlReport;
import org.convscope.viz.report.ReportInput;
import picocli.CommandLine;

/**
 * The main job: the report of the bundled trained emotion model on the bundled astronaut's face,
 * or of {@code --model} / {@code --image} instead.
 *
 * <p>The bundled model gets its own preparation (gray, 64x64 bilinear, {@code (x/255 − 0.5)·2});
 * the bundled image is first cropped to the face (rows 20–200, columns 150–330). A model given
 * with {@code --model} gets its input size and channels, values in [0, 1], unless the input
 * options say otherwise.
 */
final class DefaultJob {
    private DefaultJob() {}

    static int run(Main main, PrintWriter out, Common common) {
        CommandLine cl = main.spec.commandLine();
        FeatureMapOptions maps = main.maps.options(cl);
        main.features.check(cl);
        boolean bundledModel = main.model == null, bundledImage = main.image == null;
        var progress = common.progress(System.err);
        if (bundledModel || bundledImage) progress.step("unpacking the bundled " + (bundledModel ? "model" : "") + (bundledModel && bundledImage ? " and " : "")
                + (bundledImage ? "image" : ""));
        Path modelFile = bundledModel ? ModelLoader.extractDefault(ModelLoader.DEFAULT_MODEL) : main.model;
        Path imageFile = bundledImage ? ModelLoader.extractDefault(ModelLoader.DEFAULT_IMAGE) : main.image;
        LoadedModel m = ModelLoader.load(modelFile);
        Preprocess base = null;
        if (bundledModel) {
            Preprocess face = Preprocess.defaultFace();
            base = bundledImage ? face : new Preprocess(face.channels(), null, face.height(), face.width(), face.interpolation(), face.scale(), face.offset());
        } else if (bundledImage) {
            Preprocess generic = main.input.forModel(cl, m, null);
            base = new Preprocess(generic.channels(), Preprocess.defaultFace().crop(), generic.height(), generic.width(), generic.interpolation(), generic.scale(),
                    generic.offset(), generic.mode());
        }
        Preprocess p = main.input.forModel(cl, m, base);
        return report(cl, m, p, imageFile, main.output, maps, common, true, main.features.options(cl, org.convscope.viz.model.ConvLayers.names(m.graph())), null, main.input.notes);
    }

    /** Seconds since the program started: {@code CONVSCOPE_T0_MS} (epoch ms, set by ./convscope) or the process's start time. */
    static double startupSeconds() {
        String t0 = System.getenv("CONVSCOPE_T0_MS");
        double spent = -1;
        if (t0 != null) {
            try {
                spent = (System.currentTimeMillis() - Long.parseLong(t0.strip())) / 1e3;
            } catch (NumberFormatException e) {
                spent = -1;
            }
        }
        if (spent < 0 || spent > 3600) {
            spent = ProcessHandle.current().info().startInstant()
                    .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toNanos() / 1e9).orElse(0.0);
        }
        return Math.max(0, spent);
    }

    /** Prepares the image, writes the report, prints the summary, the top class and the report's path. */
    static int report(CommandLine cl, LoadedModel m, Preprocess pre, Path image, Path dir, FeatureMapOptions maps, Common common, boolean printSummary,
                      org.convscope.viz.features.FeatureReport.Options features, java.util.List<String> layers, java.util.List<String> inputNotes) {
        var progress = common.progress(System.err);
        Preprocess.Prepared p = pre.apply(image);
        progress.step("running " + m.name() + " on " + p.note());
        java.util.List<String> notes = new java.util.ArrayList<>(inputNotes);
        ReportInput in = new ReportInput(m.name(), m.graph(), m.summary(), m.classNames(), p.input(), p.shown(), p.note(), maps, 32, layers, notes);
        if (features != null && features.budgetSeconds() > 0) {
            // the budget counts from the start of the program (JVM start, model load and image included): the
            // launcher's CONVSCOPE_T0_MS (set after it built what was stale), else the process's start
            double spent = startupSeconds();
            progress.step(String.format(Locale.ROOT, "time budget %.0f s, %.1f s spent on start-up (--budget; --full for every layer's filter images without a limit)",
                    features.budgetSeconds(), spent));
            features = features.withBudget(Math.max(1e-3, features.budgetSeconds() - spent));
        }
        HtmlReport.Result r = HtmlReport.write(in, dir, progress::status, progress::step, features);
        progress.clear();
        PrintWriter out = cl.getOut();
        if (printSummary) {
            out.println(m.summary());
            out.println();
        }
        var top = r.prediction().top();
        out.println(String.format(Locale.ROOT, "Top class: %s (%.4f)   [%s]", top.name(), top.score(), p.note()));
        if (r.prediction().ranked().size() > 2) {
            StringBuilder k = new StringBuilder("Top " + Math.min(5, r.prediction().ranked().size()) + " of " + r.prediction().ranked().size() + ":");
            for (var e : r.prediction().ranked().subList(0, Math.min(5, r.prediction().ranked().size()))) {
                k.append(String.format(Locale.ROOT, "  %s %.4f", e.name(), e.score()));
            }
            out.println(k);
        }
        if (r.prediction().note() != null) out.println(r.prediction().note());
        out.println(String.format(Locale.ROOT, "Ran %d layers in %.0f ms; drew %d pictures.", r.run().records().size(), r.run().totalMillis(), r.pictures().size()));
        out.println("Report: " + r.index().toAbsolutePath().normalize());
        out.flush();
        return 0;
    }
}
