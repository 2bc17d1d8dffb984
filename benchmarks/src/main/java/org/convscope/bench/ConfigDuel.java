package org.convscope.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.convscope.engine.EngineConfig;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;

/**
 * One model under two engine configurations in one JVM, alternating in half-second blocks (see
 * {@link BuildDuel} for why alternating): for example {@code threads=1} against {@code threads=2}, or
 * {@code direct=on} against {@code direct=off}. Each configuration is the JVM's
 * ({@code -Dconvscope.*}) with the given settings changed, applied per call; the vector width is
 * process-wide and cannot differ between the two. Prints the medians of wall time and of the calling
 * thread's CPU time per call, and A/B of the wall medians (above 1: B is faster).
 *
 * <pre>  java --add-modules jdk.incubator.vector -cp target/classes:target/lib/* \
 *       org.convscope.bench.ConfigDuel MODEL BATCH SECONDS threads=1 threads=2,spinMicros=50</pre>
 */
public final class ConfigDuel {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private ConfigDuel() {}

    public static void main(String[] args) {
        if (args.length != 5) throw new IllegalArgumentException("usage: ConfigDuel MODEL BATCH SECONDS SETTINGS_A SETTINGS_B");
        Graph g = Apps.load(Path.of(args[0])).graph();
        int batch = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        EngineConfig[] config = {config(args[3]), config(args[4])};
        int[] shape = g.shapeOf(g.inputNames().get(0)).clone();
        shape[0] = batch;
        Tensor input = Tensor.of(Shapes.random(Math.toIntExact(org.convscope.tensor.Shapes.size(shape)), 3), shape);
        Runnable[] run = {() -> config[0].run(() -> g.predict(input)), () -> config[1].run(() -> g.predict(input))};
        for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; ) { run[0].run(); run[1].run(); }
        double[][] wall = new double[2][1 << 16], cpu = new double[2][1 << 16];
        int[] n = new int[2];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; System.nanoTime() < end; i++) {
            int v = i % 2;
            run[v].run();
            long blockEnd = System.nanoTime() + 500_000_000L;
            do {
                long c0 = MX.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                run[v].run();
                long w1 = System.nanoTime(), c1 = MX.getCurrentThreadCpuTime();
                if (n[v] < wall[v].length) {
                    wall[v][n[v]] = (w1 - w0) / 1e6;
                    cpu[v][n[v]++] = (c1 - c0) / 1e6;
                }
            } while (System.nanoTime() < blockEnd);
        }
        System.out.printf(Locale.ROOT, "%s batch %d: A {%s} wall %.3f ms, CPU %.3f (%d calls) | B {%s} wall %.3f ms, CPU %.3f (%d calls) | A/B wall %.3f%n",
                Path.of(args[0]).getFileName(), batch, args[3], median(wall[0], n[0]), median(cpu[0], n[0]), n[0],
                args[4], median(wall[1], n[1]), median(cpu[1], n[1]), n[1], median(wall[0], n[0]) / median(wall[1], n[1]));
    }

    private static EngineConfig config(String settings) {
        Map<String, String> m = new HashMap<>();
        for (Object k : System.getProperties().keySet()) {
            String key = k.toString();
            if (key.startsWith("convscope.")) m.put(key, System.getProperty(key));
        }
        for (String kv : settings.split(",")) {
            int eq = kv.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("expected KEY=VALUE, got '" + kv + "'");
            m.put("convscope." + kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return EngineConfig.fromMap(m);
    }

    private static double median(double[] v, int n) {
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return s[n / 2];
    }
}
