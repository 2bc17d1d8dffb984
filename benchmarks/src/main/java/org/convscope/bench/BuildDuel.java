package org.convscope.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Two builds of convscope timed in one JVM, alternating in half-second blocks: each build's
 * {@code convscope-core} and {@code convscope-io-keras} jars are loaded by their own class loader
 * (with the benchmarks' classes and the other libraries of this class path), and each runs the
 * same model's {@code predict} through {@link PredictSpread#predictor}. The machines here are shared
 * VMs whose vCPUs slow down by up to 1.8× for seconds at a time (fresh JVMs of the same build gave
 * medians from 1.36 to 2.44 ms on MobileNetV2), so two builds timed in two JVMs minutes apart
 * compare two machine states; alternating in one JVM lets both see the same ones. An A/A run (the
 * same build twice) showed how close two identical builds come: within ±3%.
 *
 * <pre>  java --add-modules jdk.incubator.vector -Dconvscope.threads=1 -cp target/classes:target/lib/* \
 *       org.convscope.bench.BuildDuel MODEL BATCH SECONDS DIR_A DIR_B</pre>
 * DIR_A and DIR_B each hold the two jars of one build (for example {@code core/target/*.jar} of a
 * worktree at the base commit, and of the working tree). Prints both medians and minima of the
 * calling thread's CPU time per call, and A/B (above 1: B is faster).
 */
public final class BuildDuel {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private BuildDuel() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) throw new IllegalArgumentException("usage: BuildDuel MODEL BATCH SECONDS DIR_A DIR_B");
        String model = args[0];
        int batch = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        List<URL> common = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            if (!name.startsWith("convscope-core") && !name.startsWith("convscope-io-keras")) common.add(Path.of(e).toUri().toURL());
        }
        Runnable[] run = new Runnable[2];
        for (int v = 0; v < 2; v++) {
            List<URL> urls = new ArrayList<>(common);
            urls.addAll(jars(Path.of(args[3 + v])));
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            run[v] = (Runnable) loader.loadClass(PredictSpread.class.getName())
                    .getMethod("predictor", String.class, int.class).invoke(null, model, batch);
        }
        for (long end = System.nanoTime() + 6_000_000_000L; System.nanoTime() < end; ) { run[0].run(); run[1].run(); }
        double[][] t = new double[2][1 << 16];
        int[] n = new int[2];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; System.nanoTime() < end; i++) {
            int v = i % 2;
            run[v].run();                                   // the first call of a block is not counted
            long blockEnd = System.nanoTime() + 500_000_000L;
            do {
                long c0 = MX.getCurrentThreadCpuTime();
                run[v].run();
                if (n[v] < t[v].length) t[v][n[v]++] = (MX.getCurrentThreadCpuTime() - c0) / 1e6;
            } while (System.nanoTime() < blockEnd);
        }
        double[] median = new double[2], min = new double[2];
        for (int v = 0; v < 2; v++) {
            double[] s = Arrays.copyOf(t[v], n[v]);
            Arrays.sort(s);
            median[v] = s[n[v] / 2];
            min[v] = s[0];
        }
        System.out.printf(Locale.ROOT, "%s batch %d: A %s median %.3f ms, min %.3f (%d calls) | B %s median %.3f ms, min %.3f (%d calls) | A/B %.3f%n",
                Path.of(model).getFileName(), batch, args[3], median[0], min[0], n[0], args[4], median[1], min[1], n[1], median[0] / median[1]);
    }

    private static List<URL> jars(Path dir) throws IOException {
        List<URL> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".jar")).toList()) out.add(p.toUri().toURL());
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no jars in " + dir);
        return out;
    }
}
