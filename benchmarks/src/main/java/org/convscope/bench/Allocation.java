package org.convscope.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;

/**
 * Bytes a warm forward pass allocates, against the bytes of the tensors it returns: the calling
 * thread's allocation counter ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes})
 * around one call, the smallest of several calls, with {@code -Dconvscope.threads=1} so that all
 * the work runs on the calling thread. Two calls per model: {@code predict}, and
 * {@code activations} of the named layers (large returned tensors, where the ratio means something;
 * a predict of one probability returns a few bytes, so its figure is the fixed per-call overhead).
 *
 * <pre>  java -Dconvscope.threads=1 ... Allocation LABEL MODEL.h5 [LAYER,...]</pre>
 */
public final class Allocation {
    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {}

    public static void main(String[] args) {
        String label = args[0];
        KerasModel model = KerasModel.load(Path.of(args[1]));
        List<String> layers = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        int[] shape = model.inputShape();
        shape[0] = 1;
        Tensor input = Tensor.of(Shapes.random(Math.toIntExact(org.convscope.tensor.Shapes.size(shape)), 9), shape);
        String arena = System.getProperty("convscope.arena", "on");
        report(label + " predict", arena, () -> Map.of("out", model.predict(input)));
        if (!layers.isEmpty()) {
            report(label + " activations " + String.join("+", layers), arena, () -> model.activations(input, layers.toArray(String[]::new)));
        }
    }

    private static void report(String what, String arena, java.util.function.Supplier<Map<String, Tensor>> call) {
        for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; ) call.get();   // warm: JIT, arenas, free lists
        long best = Long.MAX_VALUE, returned = 0;
        for (int i = 0; i < 20; i++) {
            long a0 = MX.getCurrentThreadAllocatedBytes();
            Map<String, Tensor> out = call.get();
            long a1 = MX.getCurrentThreadAllocatedBytes();
            best = Math.min(best, a1 - a0);
            returned = 0;
            for (Tensor t : out.values()) returned += 4L * t.size();
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %,d | %,d | %.3f |%n", what, arena, best, returned, best / (double) Math.max(1, returned));
    }

    /**
     * The fewest bytes the calling thread allocated in one of {@code calls} runs of {@code call}.
     *
     * @param calls how many runs
     * @param call what to run (warmed up by the caller)
     * @return bytes allocated by the cheapest run
     */
    static long smallest(int calls, Runnable call) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < calls; i++) {
            long a0 = MX.getCurrentThreadAllocatedBytes();
            call.run();
            best = Math.min(best, MX.getCurrentThreadAllocatedBytes() - a0);
        }
        return best;
    }

    /** The header of the rows {@link #main} prints. */
    public static String header() {
        return "| call | arena | bytes allocated per warm call | bytes of the returned tensors' values | ratio |\n|---|---|---:|---:|---:|";
    }
}
