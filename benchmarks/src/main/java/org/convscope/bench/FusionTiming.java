package org.convscope.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.convscope.graph.Graph;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;

/**
 * Predict time of Keras models with graph fusion on and off, measured in one JVM with the two
 * interleaved call by call (the fusion switch, {@code -Dconvscope.fuse}, is read at each run), so
 * that the load other processes put on a shared machine falls on both alike. Prints, per model,
 * the median wall time and the median CPU time of the calling thread for each, and their ratio.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -Dconvscope.threads=1 -Dconvscope.fixtures=../shared/fixtures \
 *        -cp "target/classes:target/lib/*" org.convscope.bench.FusionTiming [seconds per model]
 * </pre>
 * Use {@code -Dconvscope.threads=1} for the CPU time to cover all the work (GEMM workers are other
 * threads). A timing loop, not JMH: it is the interleaving that it is for.
 */
public final class FusionTiming {
    private FusionTiming() {}

    private static final List<String> MODELS = List.of(
            "trained/fer2013_big_XCEPTION.54-0.66.hdf5",
            "keras3/kaggle_custom_convnet.h5",
            "keras3/convnet_512.h5");

    /**
     * Runs the comparison.
     *
     * @param args optional: seconds of measurement per model (default 20)
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        Path root = Path.of(System.getProperty("convscope.fixtures", "../shared/fixtures"));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%-44s %6s %10s %10s %10s %10s %7s %7s%n", "model", "rounds", "fused ms",
                "unfused ms", "fused cpu", "unf. cpu", "wall ×", "cpu ×");
        for (String name : MODELS) {
            Path file = root.resolve(name);
            if (!Files.exists(file)) throw new IllegalStateException("fixture not found: " + file.toAbsolutePath());
            KerasModel m = KerasModel.load(file);
            Graph g = m.graph();
            int[] shape = g.shapeOf(g.inputNames().get(0));
            shape[0] = 1;
            int n = 1;
            for (int d : shape) n *= d;
            Tensor x = Tensor.of(Shapes.random(n, 42), shape);
            int chains = g.fusedChains(g.outputNames()).size();

            // warm-up: both paths, about a quarter of the budget
            long warmEnd = System.nanoTime() + (long) (seconds * 0.25e9);
            while (System.nanoTime() < warmEnd) { time(g, x, true, mx); time(g, x, false, mx); }

            int cap = 100_000, rounds = 0;
            double[] fw = new double[cap], uw = new double[cap], fc = new double[cap], uc = new double[cap];
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end && rounds < cap) {
                boolean fusedFirst = rounds % 2 == 0;          // alternate the order too
                long[] a = time(g, x, fusedFirst, mx), b = time(g, x, !fusedFirst, mx);
                long[] f = fusedFirst ? a : b, u = fusedFirst ? b : a;
                fw[rounds] = f[0] / 1e6; fc[rounds] = f[1] / 1e6;
                uw[rounds] = u[0] / 1e6; uc[rounds] = u[1] / 1e6;
                rounds++;
            }
            double mfw = median(fw, rounds), muw = median(uw, rounds), mfc = median(fc, rounds), muc = median(uc, rounds);
            System.out.printf(Locale.ROOT, "%-44s %6d %10.3f %10.3f %10.3f %10.3f %7.3f %7.3f   (%d chains fused)%n",
                    name, rounds, mfw, muw, mfc, muc, muw / mfw, muc / mfc, chains);
        }
    }

    /** One predict with fusion on or off: {wall ns, calling-thread CPU ns}. */
    private static long[] time(Graph g, Tensor x, boolean fused, ThreadMXBean mx) {
        if (fused) System.clearProperty("convscope.fuse"); else System.setProperty("convscope.fuse", "off");
        try {
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            Tensor y = g.predict(x);
            long t1 = System.nanoTime(), c1 = mx.getCurrentThreadCpuTime();
            if (y.size() == 0) throw new IllegalStateException("empty output");
            return new long[] {t1 - t0, c1 - c0};
        } finally {
            System.clearProperty("convscope.fuse");
        }
    }

    private static double median(double[] v, int n) {
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
