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
        List<String> convs = ConvLayers.names(g);
        if (name == null) {
            if (convs.isEmpty()) throw usage(cl, "model '" + g.name() + "' has no convolution layers to show");
            return convs.get(0);
        }
        try {
            ConvLayers.require(g, name);
        } catch (IllegalArgumentException e) {
            throw usage(cl, "--layer: " + e.getMessage());
        }
        return name;
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
