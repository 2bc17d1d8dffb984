package org.convscope.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.convscope.graph.Graph;
import org.convscope.graph.Node;
import org.convscope.keras.KerasModel;
import org.convscope.layers.InputLayer;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/**
 * Any Keras model, layer by layer (any graph, not only a chain): each node's layer is run on the
 * inputs a real forward pass gives it, timed by the calling thread's CPU time and by wall time
 * (best of N, see {@link CpuTimes#best}), slowest layers first, then the whole {@code predict}.
 * Layers run unfused here (the whole-model row fuses), each inside an {@link ActivationArena} that
 * gets its output back after every call, as in a warm {@code predict}.
 *
 * <pre>  java --add-modules jdk.incubator.vector -Dconvscope.threads=1 -cp ... org.convscope.bench.LayerTimes MODEL.h5 [batch] [rounds]</pre>
 */
public final class LayerTimes {
    private LayerTimes() {}

    public static void main(String[] args) {
        if (args.length < 1) throw new IllegalArgumentException("usage: LayerTimes MODEL [batch] [rounds]");
        KerasModel model = KerasModel.load(Path.of(args[0]));
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int[] shape = model.inputShape();
        shape[0] = batch;
        Tensor input = Tensor.zeros(shape);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < input.size(); i++) input.data()[i] = (float) r.nextDouble(-1, 1);
        Graph g = model.graph();
        List<String> names = new ArrayList<>();
        for (Node n : g.nodes()) names.add(n.name());
        Map<String, Tensor> acts = g.activations(input, names);

        // warm up for real: small layers need thousands of calls before C2 compiles their kernels
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) model.predict(input);
        double[] whole = CpuTimes.best(rounds, () -> model.predict(input));
        record Row(String name, String cls, double cpu, double wall) {}
        List<Row> rows = new ArrayList<>();
        double sum = 0;
        for (Node n : g.nodes()) {
            if (n.layer() instanceof InputLayer) continue;
            List<Tensor> in = n.inbound().stream().map(acts::get).toList();
            // inside an arena, giving each output back, as a warm predict does
            ActivationArena arena = new ActivationArena();
            Runnable call = () -> {
                try {
                    arena.run(() -> {
                        arena.recycle(n.layer().forward(in).data());
                        return null;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            for (long end = System.nanoTime() + 300_000_000L; System.nanoTime() < end; ) call.run();
            double[] t = CpuTimes.best(rounds, call);
            rows.add(new Row(n.name(), n.layer().kerasClass(), t[0], t[1]));
            sum += t[0];
        }
        rows.sort((a, b) -> Double.compare(b.cpu, a.cpu));
        System.out.printf(Locale.ROOT, "%s batch %d, input %s, threads %s: predict %.3f ms CPU (%.3f ms wall), best of %d%n",
                model.name(), batch, Arrays.toString(shape), System.getProperty("convscope.threads", "default"), whole[0], whole[1], rounds);
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "  %-28s %-24s %8.3f ms CPU %8.3f ms wall%n", row.name, row.cls, row.cpu, row.wall);
        }
        System.out.printf(Locale.ROOT, "  %-53s %8.3f ms CPU%n", "sum of layers (unfused)", sum);
    }
}
