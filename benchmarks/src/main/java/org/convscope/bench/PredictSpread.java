package org.convscope.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;

/**
 * The spread of one model's {@code predict} times, not only its best: the calling thread's CPU
 * time of every call over a timed stretch, printed as minimum, 10th, 50th and 90th percentile and
 * maximum, the wall time's minimum and median (the figure with more than one thread), with the
 * collections and GC time in that stretch. A median far above the minimum means
 * something besides the arithmetic (collections, a cold cache after an allocation, a JIT
 * deoptimisation) costs time in the calls a duel's median counts; {@link LayerTimes}' best-of
 * hides it.
 *
 * <pre>  java --add-modules jdk.incubator.vector -Dconvscope.threads=1 -cp ... org.convscope.bench.PredictSpread MODEL [batch] [seconds] [warmup-seconds]</pre>
 */
public final class PredictSpread {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private PredictSpread() {}

    public static void main(String[] args) {
        if (args.length < 1) throw new IllegalArgumentException("usage: PredictSpread MODEL [batch] [seconds] [warmup-seconds]");
        Graph g = Apps.load(Path.of(args[0])).graph();
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        double warm = args.length > 3 ? Double.parseDouble(args[3]) : 4;
        int[] shape = g.shapeOf(g.inputNames().get(0)).clone();
        shape[0] = batch;
        Tensor input = Tensor.of(Shapes.random(Math.toIntExact(org.convscope.tensor.Shapes.size(shape)), 3), shape);
        for (long end = System.nanoTime() + (long) (warm * 1e9); System.nanoTime() < end; ) g.predict(input);
        long gc0 = collections(), gt0 = gcMillis();
        double[] cpu = new double[1 << 16], wall = new double[1 << 16];
        int n = 0;
        for (long end = System.nanoTime() + (long) (seconds * 1e9); System.nanoTime() < end && n < cpu.length; n++) {
            long c0 = MX.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            g.predict(input);
            wall[n] = (System.nanoTime() - w0) / 1e6;
            cpu[n] = (MX.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        double[] s = Arrays.copyOf(cpu, n), ws = Arrays.copyOf(wall, n);
        Arrays.sort(s);
        Arrays.sort(ws);
        System.out.printf(Locale.ROOT,
                "%s batch %d: %d calls, calling thread's CPU ms min %.3f  p10 %.3f  median %.3f  p90 %.3f  max %.3f;"
                        + " wall ms min %.3f median %.3f; %d collections, %d ms GC%n",
                args[0], batch, n, s[0], s[n / 10], s[n / 2], s[n * 9 / 10], s[n - 1], ws[0], ws[n / 2],
                collections() - gc0, gcMillis() - gt0);
    }

    /**
     * A call of the model's {@code predict} on a fixed random input, as a plain {@link Runnable}
     * (a JDK type: a harness that loads two builds of convscope in two class loaders can time both
     * in one JVM, alternating, through this).
     *
     * @param model the model file
     * @param batch the batch size
     * @return one {@code predict} per {@code run()}
     */
    public static Runnable predictor(String model, int batch) {
        Graph g = Apps.load(Path.of(model)).graph();
        int[] shape = g.shapeOf(g.inputNames().get(0)).clone();
        shape[0] = batch;
        Tensor input = Tensor.of(Shapes.random(Math.toIntExact(org.convscope.tensor.Shapes.size(shape)), 3), shape);
        return () -> g.predict(input);
    }

    private static long collections() {
        long c = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) c += Math.max(0, b.getCollectionCount());
        return c;
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, b.getCollectionTime());
        return t;
    }
}
