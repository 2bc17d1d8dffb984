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
import org.convscope.layers.InputLayer;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Tensor;

/**
 * Any Keras model, layer by layer (any graph, not only a chain): each node's layer is run on the
 * inputs a real forward pass gives it, timed by the calling thread's CPU time and by wall time
 * (best of N, see {@link CpuTimes#best}), with the bytes one call allocates (the fewest of 10 calls,
 * see {@link Allocation#smallest}), slowest layers first, then the whole {@code predict}.
 * Each layer runs inside an {@link ActivationArena} that gets its output back after every call, as
 * in a warm {@code predict}. By default layers run unfused (the whole-model row fuses); with
 * {@code -Dfused=true} each chain that {@code predict} fuses ({@link Graph#fusedChains}: a
 * convolution with the BatchNormalization and activation after it) is timed as the one fused layer
 * {@code predict} runs, named after its nodes, and the sum is then comparable with the whole row.
 *
 * <pre>  java --add-modules jdk.incubator.vector -Dconvscope.threads=1 [-Dfused=true] -cp ... org.convscope.bench.LayerTimes MODEL.h5 [batch] [rounds]</pre>
 */
public final class LayerTimes {
    private LayerTimes() {}

    public static void main(String[] args) {
        if (args.length < 1) throw new IllegalArgumentException("usage: LayerTimes MODEL [batch] [rounds]");
        Graph g = Apps.load(Path.of(args[0])).graph();     // EfficientNetB0 through the Normalization stand-in if needed
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int[] shape = g.shapeOf(g.inputNames().get(0)).clone();
        shape[0] = batch;
        Tensor input = Tensor.zeros(shape);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < input.size(); i++) input.data()[i] = (float) r.nextDouble(-1, 1);
        List<String> names = new ArrayList<>();
        for (Node n : g.nodes()) names.add(n.name());
        Map<String, Tensor> acts = g.activations(input, names);

        // warm up for real: small layers need thousands of calls before C2 compiles their kernels
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) g.predict(input);
        double[] whole = CpuTimes.best(rounds, () -> g.predict(input));
        record Row(String name, String cls, double cpu, double wall, long bytes) {}
        List<Row> rows = new ArrayList<>();
        double sum = 0;
        boolean fused = Boolean.getBoolean("fused");
        Map<String, List<String>> chainAt = new java.util.HashMap<>();       // head name -> chain
        java.util.Set<String> absorbed = new java.util.HashSet<>();
        if (fused) {
            for (List<String> c : g.fusedChains(g.outputNames())) {
                chainAt.put(c.get(0), c);
                absorbed.addAll(c.subList(1, c.size()));
            }
        }
        for (Node n : g.nodes()) {
            if (n.layer() instanceof InputLayer || absorbed.contains(n.name())) continue;
            List<String> chain = chainAt.get(n.name());
            // a fused chain reads the head's inputs, then what its later nodes read from outside it
            List<String> reads = chain == null ? n.inbound() : g.fusedInputs(chain);
            List<Tensor> in = reads.stream().map(acts::get).toList();
            org.convscope.layers.Layer layer = chain == null ? n.layer() : g.fusedLayer(chain);
            String label = chain == null ? n.name() : String.join("+", chain);
            // inside an arena, giving each output back, as a warm predict does
            ActivationArena arena = new ActivationArena();
            Runnable call = () -> {
                try {
                    arena.run(() -> {
                        arena.recycle(layer.forward(in).data());
                        return null;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            for (long end = System.nanoTime() + 300_000_000L; System.nanoTime() < end; ) call.run();
            double[] t = CpuTimes.best(rounds, call);
            rows.add(new Row(label, layer.kerasClass(), t[0], t[1], Allocation.smallest(10, call)));
            sum += t[0];
        }
        rows.sort((a, b) -> Double.compare(b.cpu, a.cpu));
        System.out.printf(Locale.ROOT, "%s batch %d, input %s, threads %s: predict %.3f ms CPU (%.3f ms wall), best of %d%n",
                g.name(), batch, Arrays.toString(shape), System.getProperty("convscope.threads", "default"), whole[0], whole[1], rounds);
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "  %-56s %-22s %8.3f ms CPU %8.3f ms wall %8d B allocated%n", row.name, row.cls,
                    row.cpu, row.wall, row.bytes);
        }
        System.out.printf(Locale.ROOT, "  %-79s %8.3f ms CPU%n", fused ? "sum of layers (fused as predict fuses)" : "sum of layers (unfused)", sum);
    }
}
