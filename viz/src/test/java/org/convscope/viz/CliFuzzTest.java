package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.convscope.viz.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Garbage values for every option of every command (and garbage positional files): the exit code
 * is 1 or 2 with one error line and no stack trace; a numeric option given a non-number is a usage
 * error (2). The files named are missing or garbage, so no command gets as far as real work.
 */
class CliFuzzTest {
    private static final String[] GARBAGE = {"x", "", "-1", "0", "1e999", "NaN", "99999999999999999999", "1:2:3", ",", "-", "--",
            "0x10", "1,2,3,4,5,6,7,8,9", "\u00e9\u4e2d", "../../../etc/passwd", "a b", "%s%n"};
    private static final Set<Class<?>> NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class, float.class, Float.class,
            double.class, Double.class);

    @TempDir Path dir;

    @Test
    void garbageOptionValuesAreOneLineUsageErrors() throws Exception {
        Path junkModel = Files.write(dir.resolve("junk.h5"), new byte[] {1, 2, 3});
        Path junkImage = Files.write(dir.resolve("junk.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        String missing = dir.resolve("missing.h5").toString();
        CommandLine root = new CommandLine(new Main());
        List<CommandSpec> commands = new ArrayList<>();
        commands.add(root.getCommandSpec());
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help")) commands.add(sub.getCommandSpec());
        }
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (CommandSpec cmd : commands) {
            boolean top = cmd == root.getCommandSpec();
            List<String> base = new ArrayList<>();
            if (!top) base.add(cmd.name());
            int positionals = cmd.positionalParameters().size();
            String[][] files = {{junkModel.toString(), junkImage.toString()}, {missing, missing}};
            for (OptionSpec opt : cmd.options()) {
                if (opt.usageHelp() || opt.versionHelp() || opt.arity().max() == 0) continue;
                boolean number = NUMBERS.contains(opt.type());
                for (int g = 0; g < GARBAGE.length; g++) {
                    String value = GARBAGE[g];
                    List<String> args = new ArrayList<>(base);
                    String[] f = files[g % 2];
                    for (int i = 0; i < positionals; i++) args.add(f[Math.min(i, 1)]);
                    // the main job must fail on its model, never run the bundled one
                    if (top && !opt.longestName().equals("--model")) args.addAll(List.of("--model", f[0]));
                    if (top && !opt.longestName().equals("--output")) args.addAll(List.of("-o", dir.resolve("out").toString()));
                    args.add(opt.longestName());
                    args.add(value);
                    CliTest.Run r = CliTest.run(args.toArray(String[]::new));
                    runs++;
                    String err = r.err().strip();
                    String what = String.join(" ", args) + " -> " + r.code() + ": " + err;
                    boolean numberGarbage = number && !value.matches("-?[0-9]+(\\.[0-9]+)?");
                    if (r.code() != 1 && r.code() != 2) failures.add("exit code " + what);
                    else if (err.lines().count() != 1 || err.contains("\tat ") || err.contains("internal error")) failures.add("not one clean line: " + what);
                    else if (numberGarbage && r.code() != 2) failures.add("a non-number is no usage error: " + what);
                }
            }
        }
        System.out.println("CLI FUZZ " + runs + " runs over " + commands.size() + " commands, " + failures.size() + " failures");
        assertTrue(runs > 200, "runs: " + runs);
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }
}
