package org.convscope.viz.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.convscope.graph.Graph;
import org.convscope.viz.model.ConvLayers;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options and helpers every command shares: {@code --debug}, progress lines, error texts. */
public final class Common {
    @Option(names = "--debug", description = "Print the stack trace of an error.")
    boolean debug;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Also print the engine's log lines (its GEMM and thread choices).")
    boolean verbose;

    /** A progress line on stderr: rewritten in place on a terminal, otherwise printed only at milestones. */
    Progress progress(PrintStream err) {
        return new Progress(err, !quiet, System.console() != null);
    }

    /** The one-line description of an error: its message, without exception class names. */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getMessage() != null) return u.getMessage();
        if (e instanceof OutOfMemoryError) return "out of memory; give Java more with JAVA_TOOL_OPTIONS=-Xmx4g or use a smaller --size";
        String m = e.getMessage();
        if (m == null || m.isBlank() || isBug(e)) return "internal error: " + e;
        return m;
    }

    /** True for errors that indicate a bug rather than bad input (those get "internal error" and a hint). */
    static boolean isBug(Throwable e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) return true;
        if (e instanceof OutOfMemoryError) return false;
        return e instanceof Error || e instanceof NullPointerException || e instanceof ClassCastException
                || e instanceof IndexOutOfBoundsException || e instanceof ArithmeticException || e instanceof ArrayStoreException
                || e instanceof NegativeArraySizeException || e instanceof java.util.NoSuchElementException;
    }

    /** A usage error about one option (exit code 2). */
    static CommandLine.ParameterException usage(CommandLine cl, String message) {
        return new CommandLine.ParameterException(cl, message);
    }

    /**
     * The conv layer to show: {@code name} (checked; the error lists the conv layers) or, when
     * null, the first conv layer.
     */
    static String convLayer(CommandLine cl, Graph g, String name) {
        return convLayer(cl, g, name, "--layer");
    }

    /** As {@link #convLayer(CommandLine, Graph, String)}, blaming option {@code option} for a bad name. */
    static String convLayer(CommandLine cl, Graph g, String name, String option) {
        List<String> convs = ConvLayers.names(g);
        if (name == null) {
            if (convs.isEmpty()) throw usage(cl, "model '" + g.name() + "' has no convolution layers to show");
            return convs.get(0);
        }
        try {
            ConvLayers.require(g, name);
        } catch (IllegalArgumentException e) {
            throw usage(cl, option + ": " + e.getMessage() + (g.hasNode(name) ? "" : Names.suggest(name, convs)));
        }
        return name;
    }

    /**
     * A layer whose feature maps can be drawn: {@code name} when it has a spatial output
     * {@code [N, H, W, C]} (any layer: conv, BatchNormalization, activation, pooling...), or when
     * null the first conv layer (else the first spatial layer).
     */
    static String spatialLayer(CommandLine cl, Graph g, String option, String name) {
        List<String> spatial = new java.util.ArrayList<>();
        for (var n : g.nodes()) if (!(n.layer() instanceof org.convscope.layers.InputLayer) && g.shapeOf(n.name()).length == 4) spatial.add(n.name());
        if (name == null) {
            List<String> convs = ConvLayers.names(g);
            if (!convs.isEmpty()) return convs.get(0);
            if (spatial.isEmpty()) throw usage(cl, "model '" + g.name() + "' has no layer with feature maps [N,H,W,C] to show");
            return spatial.get(0);
        }
        if (!g.hasNode(name)) {
            List<String> all = new java.util.ArrayList<>();
            for (var n : g.nodes()) all.add(n.name());
            List<String> convs = ConvLayers.names(g);
            throw usage(cl, option + ": model '" + g.name() + "' has no layer '" + name + "'" + Names.suggest(name, all)
                    + (spatial.size() <= 40 || convs.isEmpty() ? "; layers with feature maps: " + ConvLayers.listing(spatial)
                       : "; its conv layers are: " + ConvLayers.listing(convs)
                         + " (any of its " + spatial.size() + " layers with feature maps [N,H,W,C] works too, e.g. a BatchNormalization or an activation; 'summary' lists them)"));
        }
        if (!spatial.contains(name)) {
            throw usage(cl, option + ": layer '" + name + "' (" + g.node(name).layer().kerasClass() + ") gives " + org.convscope.tensor.Shapes.toString(g.shapeOf(name))
                    + ", not feature maps [N,H,W,C]; layers with feature maps: " + ConvLayers.listing(spatial));
        }
        return name;
    }

    /**
     * {@code --classes} checked against the model's output: as many names as classes (two, class 0
     * first, for a single sigmoid unit).
     */
    static List<String> checkClasses(CommandLine cl, org.convscope.viz.model.LoadedModel m, List<String> classes) {
        Graph g = m.graph();
        int[] out = g.shapeOf(g.outputNames().get(0));
        int values = out.length == 0 ? 1 : out[out.length - 1];
        if (values < 1) return classes;
        int want = org.convscope.viz.report.Prediction.classCount(values);
        if (classes.size() != want) {
            throw usage(cl, "--classes: " + classes.size() + " name" + (classes.size() == 1 ? "" : "s") + " given, but the output of '" + m.name() + "' "
                    + org.convscope.tensor.Shapes.toString(out) + (values == 1
                    ? " is one sigmoid unit, a binary classifier: give 2 names, class 0 first (the unit gives the probability of class 1), e.g. --classes cat,dog"
                    : " has " + values + " classes"));
        }
        return classes;
    }

    /** Writes progress to stderr. */
    static final class Progress {
        private final PrintStream err;
        private final boolean on, live;
        private int width;

        Progress(PrintStream err, boolean on, boolean live) {
            this.err = err;
            this.on = on;
            this.live = live;
        }

        /** A transient status: shown in place on a terminal, dropped otherwise. */
        void status(String s) {
            if (!on || !live) return;
            String line = s.length() > 100 ? s.substring(0, 99) + "…" : s;
            err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            width = line.length();
            err.flush();
        }

        /** A milestone: always printed (after clearing a status line). */
        void step(String s) {
            if (!on) return;
            clear();
            err.println("convscope: " + s);
        }

        void clear() {
            if (live && width > 0) {
                err.print("\r" + " ".repeat(width) + "\r");
                err.flush();
                width = 0;
            }
        }
    }
}
