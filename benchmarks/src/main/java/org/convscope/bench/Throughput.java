package org.convscope.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;

/**
 * Images per second of {@code predict} on batches of N images (median wall time over repeated
 * calls after a warm-up), for the batch sizes given. Run it with {@code -Dconvscope.threads=T}
 * and {@code -Dconvscope.batchSplit=off|auto} to compare a batch's images shared out over the
 * threads with every layer shared between them.
 *
 * <pre>  java -Dconvscope.threads=T -Dconvscope.batchSplit=auto ... Throughput LABEL MODEL.h5 1,4,16 [seconds per size]</pre>
 */
public final class Throughput {
    private Throughput() {}

    public static void main(String[] args) {
        if (args.length < 3) throw new IllegalArgumentException("usage: Throughput LABEL MODEL.h5 N1,N2,... [seconds]");
        String label = args[0];
        KerasModel model = KerasModel.load(Path.of(args[1]));
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 6;
        String threads = System.getProperty("convscope.threads", "default"), split = System.getProperty("convscope.batchSplit", "auto");
        for (String b : args[2].split(",")) {
            int batch = Integer.parseInt(b.trim());
            int[] shape = model.inputShape();
            shape[0] = batch;
            Tensor input = Tensor.of(Shapes.random(Math.toIntExact(org.convscope.tensor.Shapes.size(shape)), 7), shape);
            for (long end = System.nanoTime() + (long) (seconds / 3 * 1e9); System.nanoTime() < end; ) model.predict(input);
            double[] t = new double[16];
            int n = 0;
            for (long end = System.nanoTime() + (long) (seconds * 1e9); System.nanoTime() < end || n < 5; n++) {
                if (n == t.length) t = Arrays.copyOf(t, 2 * n);
                long t0 = System.nanoTime();
                model.predict(input);
                t[n] = (System.nanoTime() - t0) / 1e6;
            }
            double[] s = Arrays.copyOf(t, n);
            Arrays.sort(s);
            double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %.3f | %.1f | %d |%n", label, batch, threads, split, median, 1000.0 * batch / median, n);
        }
    }

    /** The header of the rows {@link #main} prints. */
    public static String header() {
        return "| model | batch N | threads | batch split | median ms per call | images/s | calls |\n|---|---:|---:|---|---:|---:|---:|";
    }
}
