package org.convscope.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.keras.KerasModel;
import org.convscope.layers.Layer;
import org.convscope.tensor.Tensor;

/**
 * convnet_512 timed by the calling thread's CPU time (best of N), whole model and layer by layer;
 * with the model argument {@code emotion}, the emotion model ({@link Emotion}, input [N,64,64,1]),
 * whole model only.
 * On a shared machine JMH's wall-clock medians include time spent waiting for a core; thread CPU
 * time does not, so with {@code -Dconvscope.threads=1} (all work on the calling thread) it is the
 * steadiest figure this machine gives. Wall time (best of N) is printed beside it.
 *
 * <pre>  java --add-modules jdk.incubator.vector -Dconvscope.threads=1 -cp ... org.convscope.bench.CpuTimes [batch] [rounds] [convnet_512|emotion]</pre>
 */
public final class CpuTimes {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private CpuTimes() {}

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (args.length > 2 && args[2].equals("emotion")) {
            emotion(batch, rounds);
            return;
        }
        if (args.length > 2 && !args[2].equals("convnet_512")) throw new IllegalArgumentException("unknown model " + args[2]);
        KerasModel model = Convnet512.load();
        Tensor input = Tensor.of(Shapes.random(batch * 512 * 512 * 3, 5), batch, 512, 512, 3);
        Graph g = model.graph();
        // each layer's input: the previous layer's output (convnet_512 is a chain)
        List<String> names = model.layerNames();
        Map<String, Tensor> acts = g.activations(input, names);
        List<Tensor> inputs = new ArrayList<>();
        Tensor prev = input;
        for (String n : names) { inputs.add(prev); prev = acts.get(n); }

        for (int warm = 0; warm < 3; warm++) model.predict(input);
        double[] whole = best(rounds, () -> model.predict(input));
        System.out.printf(Locale.ROOT, "convnet_512 batch %d, threads %s: whole model %.1f ms CPU (%.1f ms wall), best of %d%n",
                batch, System.getProperty("convscope.threads", "default"), whole[0], whole[1], rounds);
        double sum = 0;
        for (int i = 0; i < names.size(); i++) {
            Layer l = model.layer(names.get(i));
            Tensor in = inputs.get(i);
            double[] t = best(rounds, () -> l.forward(List.of(in)));
            sum += t[0];
            System.out.printf(Locale.ROOT, "  %-14s %8.2f ms CPU %8.2f ms wall%n", names.get(i), t[0], t[1]);
        }
        System.out.printf(Locale.ROOT, "  %-14s %8.2f ms CPU%n", "sum of layers", sum);
    }

    private static void emotion(int batch, int rounds) {
        KerasModel model = Emotion.load();
        Tensor input = Tensor.of(Shapes.random(batch * 64 * 64, 5), batch, 64, 64, 1);
        for (int warm = 0; warm < 20; warm++) model.predict(input);
        double[] whole = best(rounds, () -> model.predict(input));
        System.out.printf(Locale.ROOT, "emotion batch %d, threads %s: whole model %.2f ms CPU (%.2f ms wall), best of %d%n",
                batch, System.getProperty("convscope.threads", "default"), whole[0], whole[1], rounds);
    }

    /**
     * {best thread-CPU ms, best wall ms} over {@code rounds} runs.
     *
     * @param rounds how many runs
     * @param r what to run
     * @return {best thread-CPU ms, best wall ms}
     */
    public static double[] best(int rounds, Runnable r) {
        double cpu = Double.MAX_VALUE, wall = Double.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long c0 = MX.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            r.run();
            long c1 = MX.getCurrentThreadCpuTime(), w1 = System.nanoTime();
            cpu = Math.min(cpu, (c1 - c0) / 1e6);
            wall = Math.min(wall, (w1 - w0) / 1e6);
        }
        return new double[]{cpu, wall};
    }
}
