package org.convscope.viz.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.convscope.viz.render.Headless;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * convscope's command line. With no subcommand it runs the main job: the report of the bundled
 * trained emotion model on the bundled astronaut photograph (or on {@code --model}/{@code --image}).
 *
 * <p>Exit codes: 0 success, 1 failure (a missing or unreadable file, a model that cannot run),
 * 2 bad usage (an unknown option, a bad option value, an unknown layer). Errors are one line naming
 * the file or option; {@code --debug} adds the stack trace.
 */
@Command(name = "convscope", mixinStandardHelpOptions = true, version = "convscope 0.1.0",
        description = {"A pure-Java convolution engine that runs Keras models and shows what every layer sees.", "",
                "Without a command: write the report of the bundled trained emotion model (mini-Xception, FER2013) on the "
                        + "bundled astronaut photograph into ./convscope-report and print the top class."},
        subcommands = {SummaryCommand.class, MapsCommand.class, KernelsCommand.class, PipelineCommand.class, ReportCommand.class,
                ExplainCommand.class, CheckCommand.class, FiltersCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure (file missing or unreadable, model error), 2 bad usage.",
                "Run 'convscope COMMAND --help' for a command's options."})
public final class Main implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "MODEL", description = "Keras model file (.h5/.hdf5/.keras) to use instead of the bundled emotion model.")
    Path model;

    @Option(names = "--image", paramLabel = "IMAGE", description = "PNG or JPEG image to use instead of the bundled astronaut.")
    Path image;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).", defaultValue = "convscope-report")
    Path output;

    @Mixin InputOptions input;
    @Mixin MapOptions maps;
    @Mixin FeatureOptions features;
    @Mixin Common common;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return DefaultJob.run(this, spec.commandLine().getOut(), common);
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and {@link #main}). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Headless.ensure();
        // jhdf logs through SLF4J; without a provider SLF4J prints three warning lines on every run
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        boolean debug = Arrays.asList(args).contains("--debug");
        boolean verbose = debug || Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        // the engine reports its GEMM choice through java.util.logging at INFO; keep the command line quiet unless asked
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : root.getHandlers()) h.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandName();
            String where = cmd.equals("convscope") ? "convscope" : "convscope " + cmd;
            String hint = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
                String typed = u.getUnmatched().get(0);
                List<String> known = new java.util.ArrayList<>(ex.getCommandLine().getSubcommands().keySet());
                if (typed.startsWith("-")) known = new java.util.ArrayList<>(ex.getCommandLine().getCommandSpec().optionsMap().keySet());
                hint = Names.suggest(typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed, known);
            }
            err.println(where + ": " + ex.getMessage() + hint + " (see '" + where + " --help')");
            if (debug) ex.printStackTrace(err);
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            String cmd = c.getCommandName();
            String where = cmd.equals("convscope") ? "convscope" : "convscope " + cmd;
            if (ex instanceof CommandLine.ParameterException pe) {
                err.println(where + ": " + pe.getMessage() + " (see '" + where + " --help')");
                if (debug) ex.printStackTrace(err);
                return CommandLine.ExitCode.USAGE;
            }
            err.println(where + ": " + Common.describe(ex) + (debug ? "" : Common.isBug(ex) ? " (run with --debug for details)" : ""));
            if (debug) ex.printStackTrace(err);
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cl.execute(args);
    }

    public static void main(String[] args) {
        int code = run(System.out, System.err, args);
        System.out.flush();
        System.exit(code);
    }
}
