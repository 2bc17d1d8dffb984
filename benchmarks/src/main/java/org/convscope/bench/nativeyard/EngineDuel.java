package org.convscope.bench.nativeyard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.convscope.bench.Apps;
import org.convscope.bench.Shapes;
import org.convscope.explain.Explainer;
import org.convscope.graph.Graph;
import org.convscope.keras.KerasLoadException;
import org.convscope.tensor.Tensor;

/**
 * convscope and ONNX Runtime on the same model and input, <em>in alternation</em> in one JVM
 * (blocks of about half a second each, the first call of a block not counted), so that both
 * engines see the same machine: on a shared machine a JMH run of one engine
 * followed minutes later by a run of the other compares two different loads. Per call it records
 * the wall time, the calling thread's CPU time and the process's CPU time (all threads: the
 * engines' helpers too; its mean, as the process clock is coarse); it prints one Markdown row per engine with the medians, a 95% confidence
 * interval of the median wall time (order statistics: ranks n/2 ± 0.98·√n), and the ratios.
 *
 * <p>The thread count is the JVM's ({@code -Dconvscope.threads=T}, fixed when the engine starts);
 * ONNX Runtime gets the same number of intra-op threads. With one thread both engines run
 * entirely on the calling thread, so its CPU time is the steadiest figure; with more, wall time.
 * Before timing, both engines' outputs are compared (max |difference| / max |output|).
 *
 * <pre>  java -Dconvscope.threads=T ... EngineDuel LABEL MODEL.h5 MODEL.onnx BATCH [seconds]</pre>
 * The model is loaded by {@link Apps#load} (io-keras, or the Normalization stand-in where the loader
 * lacks that layer; the label then says so); a model convscope cannot load gives one row saying "not
 * loadable yet" and the reason. The ONNX graph's input may be NHWC {@code [N,H,W,C]} (the
 * convnet_512 fixture) or NCHW {@code [N,C,H,W]} (the converter's exports): the same image is given
 * to ONNX Runtime in its layout, transposed once before timing. Each row also gives GFLOP/s (the
 * explainer's FLOPs of the model) and, on ONNX Runtime's row, which engine used less CPU.
 */
public final class EngineDuel {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** How long each engine runs before the other takes over. */
    private static final double BLOCK_SECONDS = 0.5;

    private EngineDuel() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) throw new IllegalArgumentException("usage: EngineDuel LABEL MODEL.h5 MODEL.onnx BATCH [seconds]");
        String label = args[0];
        Path keras = Path.of(args[1]), onnx = Path.of(args[2]);
        int batch = Integer.parseInt(args[3]);
        double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 10;
        int threads = Integer.getInteger("convscope.threads", Runtime.getRuntime().availableProcessors());
        if (!Files.isRegularFile(onnx)) throw new IllegalStateException("ONNX model not found: " + onnx.toAbsolutePath());

        Graph model;
        try {
            Apps.Loaded loaded = Apps.load(keras);
            model = loaded.graph();
            label = loaded.label(label);
        } catch (KerasLoadException e) {
            System.out.println(notLoadable(label, batch, threads, e.getMessage()));
            return;
        }
        double flopsPerImage = Explainer.explain(model).totalFlops();
        int[] shape = model.shapeOf(model.inputNames().get(0)).clone();
        shape[0] = batch;
        float[] data = Shapes.random(Math.toIntExact(org.convscope.tensor.Shapes.size(shape)), 3);
        Tensor input = Tensor.of(data, shape);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = OrtOptions.of(threads);
        try (OrtSession session = env.createSession(onnx.toString(), opts)) {
            String name = session.getInputNames().iterator().next();
            long[] ortShape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(name).getInfo()).getShape();
            ortShape[0] = batch;
            float[] ortData = nchw(shape, ortShape) ? toNchw(data, shape) : data;
            try (OnnxTensor ortInput = OnnxTensor.createTensor(env, FloatBuffer.wrap(ortData), ortShape)) {
                Runnable ours = () -> model.predict(input);
                Runnable theirs = () -> {
                    try (OrtSession.Result r = session.run(Map.of(name, ortInput))) {
                        r.get(0);
                    } catch (OrtException e) {
                        throw new IllegalStateException(e);
                    }
                };
                double agreement = agreement(model.predict(input), session, name, ortInput);
                // warm-up: both engines, alternately, for a third of the time (at least 4 s: with 2 s on a
                // machine loaded 7-fold, C2 had not compiled convscope's small-layer kernels yet)
                long warmEnd = System.nanoTime() + (long) (Math.max(4, seconds / 3) * 1e9);
                while (System.nanoTime() < warmEnd) { ours.run(); theirs.run(); }
                // alternate in blocks of about BLOCK_SECONDS, dropping each block's first call: both
                // engines' thread pools spin a while after a call (ONNX Runtime's by default), and a
                // pool still spinning on the other core would slow the other engine's next call
                Samples a = new Samples(), b = new Samples();
                long end = System.nanoTime() + (long) (seconds * 1e9);
                for (int i = 0; System.nanoTime() < end || a.n < 10; i++) {
                    Samples s = i % 2 == 0 ? a : b;
                    Runnable r = i % 2 == 0 ? ours : theirs;
                    r.run();                                    // the first call of a block is not counted
                    long blockEnd = System.nanoTime() + (long) (BLOCK_SECONDS * 1e9);
                    do s.time(r); while (System.nanoTime() < blockEnd);
                }
                System.out.println(a.row(label, batch, threads, "convscope", null, agreement, flopsPerImage));
                System.out.println(b.row(label, batch, threads, "ONNX Runtime", a, agreement, flopsPerImage));
            }
        }
    }

    /** Whether ONNX Runtime's rank-4 input is NCHW while Keras's is NHWC (and the layouts differ in bytes). */
    static boolean nchw(int[] keras, long[] ort) {
        if (keras.length != 4 || ort.length != 4 || keras[3] == 1) return false;
        boolean asNhwc = ort[1] == keras[1] && ort[2] == keras[2] && ort[3] == keras[3];
        boolean asNchw = ort[1] == keras[3] && ort[2] == keras[1] && ort[3] == keras[2];
        if (!asNhwc && !asNchw) {
            throw new IllegalStateException("ONNX input " + Arrays.toString(ort) + " matches neither layout of " + Arrays.toString(keras));
        }
        return !asNhwc;
    }

    static float[] toNchw(float[] src, int[] nhwc) {
        int n = nhwc[0], h = nhwc[1], w = nhwc[2], c = nhwc[3];
        float[] dst = new float[src.length];
        for (int b = 0; b < n; b++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    for (int k = 0; k < c; k++)
                        dst[((b * c + k) * h + y) * w + x] = src[((b * h + y) * w + x) * c + k];
        return dst;
    }

    /** The row printed for a model convscope cannot load (yet). */
    static String notLoadable(String label, int batch, int threads, String why) {
        String reason = String.valueOf(why);
        int cut = reason.indexOf(". Supported:");
        if (cut > 0) reason = reason.substring(0, cut);
        reason = reason.replace('|', '/');
        return String.format(Locale.ROOT, "| %s batch %d | %d | convscope | not loadable yet: %s | | | | | | | | | |",
                label, batch, threads, reason.length() > 160 ? reason.substring(0, 160) + "…" : reason);
    }

    /** max |convscope − ONNX Runtime| / max |ONNX Runtime| on the final output. */
    private static double agreement(Tensor ours, OrtSession session, String name, OnnxTensor in) throws OrtException {
        try (OrtSession.Result r = session.run(Map.of(name, in))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] theirs = new float[fb.remaining()];
            fb.get(theirs);
            if (theirs.length != ours.size()) {
                throw new IllegalStateException("the engines' outputs differ in size: " + ours.size() + " vs " + theirs.length);
            }
            double max = 0, ref = 0;
            for (int i = 0; i < theirs.length; i++) {
                max = Math.max(max, Math.abs(ours.data()[i] - theirs[i]));
                ref = Math.max(ref, Math.abs(theirs[i]));
            }
            return max / Math.max(ref, 1e-30);
        }
    }

    /** Per-call wall, calling-thread CPU and process CPU times, in ms. */
    private static final class Samples {
        private double[] wall = new double[64], cpu = new double[64], proc = new double[64];
        private int n;

        void time(Runnable r) {
            long c0 = MX.getCurrentThreadCpuTime(), p0 = OS.getProcessCpuTime(), w0 = System.nanoTime();
            r.run();
            long w1 = System.nanoTime(), c1 = MX.getCurrentThreadCpuTime(), p1 = OS.getProcessCpuTime();
            if (n == wall.length) {
                wall = Arrays.copyOf(wall, 2 * n);
                cpu = Arrays.copyOf(cpu, 2 * n);
                proc = Arrays.copyOf(proc, 2 * n);
            }
            wall[n] = (w1 - w0) / 1e6;
            cpu[n] = (c1 - c0) / 1e6;
            proc[n] = (p1 - p0) / 1e6;
            n++;
        }

        double[] sorted(double[] v) {
            double[] s = Arrays.copyOf(v, n);
            Arrays.sort(s);
            return s;
        }

        double median(double[] v) {
            double[] s = sorted(v);
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        /** The mean: the process CPU clock ticks in steps of several ms, so only a sum over many calls resolves it. */
        double mean(double[] v) {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += v[i];
            return sum / n;
        }

        /** The 95% confidence interval of the median wall time, by order statistics. */
        double[] interval() {
            double[] s = sorted(wall);
            int half = (int) Math.ceil(0.98 * Math.sqrt(n));
            return new double[] {s[Math.max(0, n / 2 - half)], s[Math.min(n - 1, (n - 1) / 2 + half)]};
        }

        String row(String label, int batch, int threads, String impl, Samples ours, double agreement, double flopsPerImage) {
            double w = median(wall), c = median(cpu), p = mean(proc);
            double[] ci = interval();
            String ratio = ours == null ? "" : String.format(Locale.ROOT, "%.2fx", w / ours.median(ours.wall));
            double cr = ours == null ? Double.NaN : threads == 1 ? c / ours.median(ours.cpu) : p / ours.mean(ours.proc);
            String cpuRatio = ours == null ? "" : String.format(Locale.ROOT, "%.2fx", cr);
            String winner = ours == null ? "" : cr >= 1 ? "**convscope**" : "ONNX Runtime";
            return String.format(Locale.ROOT, "| %s batch %d | %d | %s | %.3f (%.3f–%.3f) | %.1f | %.1f | %.3f | %.3f | %d | %s | %s | %s | %.1e |",
                    label, batch, threads, impl, w, ci[0], ci[1], 1000.0 * batch / w, batch * flopsPerImage / (w * 1e6), c, p, n,
                    ratio, cpuRatio, winner, agreement);
        }
    }

    /** The header of the rows {@link #main} prints. */
    public static String header() {
        return "| model | threads | engine | median wall ms (95% CI) | images/s | GFLOP/s (wall) | median CPU ms, calling thread | mean CPU ms, process (all threads) | calls "
                + "| ORT / convscope, wall | ORT / convscope, CPU | less CPU | max rel. difference |\n"
                + "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|";
    }
}
