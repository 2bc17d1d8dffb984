package org.convscope.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a benchmark main in a fresh JVM (same java, class path and fixtures; the engine's thread
 * count and other settings as {@code -D} options, since the engine fixes them at start-up) and
 * returns the Markdown table rows it prints; everything else it prints is passed on to stderr.
 */
final class ChildJvm {
    private ChildJvm() {}

    static List<String> rows(List<String> properties, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        // The whole heap committed and touched up front: on this VM a heap that grows (and G1 giving
        // memory back between collections) made convnet_512 at batch 16, whose activations are
        // 512 MiB each, take 7.4 s a call instead of 0.88 s, from page faults alone.
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xmx3g", "-Xms3g", "-XX:+AlwaysPreTouch"));
        for (String p : List.of("convscope.fixtures", "convscope.vector")) {
            String v = System.getProperty(p);
            if (v != null) cmd.add("-D" + p + "=" + v);
        }
        for (String p : properties) cmd.add("-D" + p);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        System.err.println("# " + String.join(" ", properties) + " " + mainClass.substring(mainClass.lastIndexOf('.') + 1) + " " + String.join(" ", args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<String> rows = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("| ")) rows.add(line);
                    else System.err.println(line);
                }
            }
            int code = p.waitFor();
            if (code != 0) throw new IllegalStateException(mainClass + " " + String.join(" ", args) + " exited with " + code);
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + mainClass + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
