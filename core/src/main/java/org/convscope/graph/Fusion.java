package org.convscope.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.internal.fusion.BatchNormFolding;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.Add;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Identity;
import org.convscope.layers.Layer;
import org.convscope.layers.Pooling2D;
import org.convscope.layers.SingleInputLayer;
import org.convscope.layers.ZeroPadding2D;

/**
 * Layer fusion for a {@link Graph}: which chains of nodes can run as one layer (found and
 * precomputed once, when the graph is built), and which of them a given run may use.
 *
 * <p>A chain starts at a Conv2D, DepthwiseConv2D, SeparableConv2D or Dense with a linear activation
 * and continues with a BatchNormalization on the last axis (folded into the kernel and bias, see
 * {@link BatchNormFolding}) and/or an activation layer with an elementwise function (run in the
 * GEMM's epilogue): {@code conv → BN → act}, {@code conv → BN} or {@code conv → act}. Every node but
 * the tail must have exactly one consumer in the graph, so nobody else reads the outputs that the
 * fused layer skips. Per run, a chain is used only when none of those skipped outputs was asked
 * for: asking for {@code conv2d_1} returns the plain convolution, computed unfused.
 *
 * <p>A ZeroPadding2D whose only consumer is such a Conv2D or DepthwiseConv2D heads the chain too
 * ({@code pad → conv → BN → act}, or {@code pad → conv} alone): the fused layer reads the unpadded
 * input and counts the zeros as padding ({@link PaddedConvLayer}), so the padded copy is never made.
 *
 * <p>A Conv2D chain with one group may also take on the end of a residual block after it:
 * {@code conv (→ BN → act) (→ Dropout) → Add (→ act)}, where the Add's other input (the shortcut)
 * has the output's shape; the shortcut is added in the GEMM's epilogue ({@link ConvAddLayer}):
 * MobileNetV2's and EfficientNet's project convolutions, ResNet's blocks.
 *
 * <p>A second kind ends a residual block: {@code MaxPooling2D|AveragePooling2D → Add → act} (the
 * activation optional), where the Add's other input (the shortcut) has the output's shape; the
 * shortcut is added to each pooled row while it is in cache ({@link PoolAddLayer}), bit for bit the
 * unfused result.
 *
 * <p>Cost: each fused layer holds its own folded kernel and the GEMM's prepacked copy of it, next to
 * the original layers (which stay, for runs that ask for inner outputs), so a graph full of
 * {@code conv → BN} chains holds about twice its convolution weights.
 *
 * <p>{@code -Dconvscope.fuse=off} turns fusion off: graphs built while it is set precompute nothing,
 * and runs made while it is set use no fused layer.
 */
final class Fusion {
    /** The system property that turns fusion off when set to {@code off}. */
    static final String PROPERTY = "convscope.fuse";

    private static final Fusion NONE = new Fusion(List.of());

    private final List<FusedChain> chains;

    private Fusion(List<FusedChain> chains) { this.chains = List.copyOf(chains); }

    /** {@return the chain with these node names (head first), or null} */
    FusedChain chain(List<String> names) {
        for (FusedChain c : chains) if (c.nodes().equals(names)) return c;
        return null;
    }

    /** {@return false when the calling thread's engine configuration says {@code fuse=off}} */
    static boolean enabled() { return org.convscope.internal.engine.Engine.current().config().fuse(); }

    /**
     * Finds every fusable chain and builds its fused layer.
     *
     * @param nodes  the graph's nodes in topological order
     * @param shapes every node's output shape (only the rank is used, to resolve BN's axis)
     * @return the chains, or none when fusion is off
     */
    static Fusion find(List<Node> nodes, Map<String, int[]> shapes) {
        if (!enabled()) return NONE;
        Map<String, Integer> index = new HashMap<>();
        Map<String, List<Integer>> consumers = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).name(), i);
            for (String s : nodes.get(i).inbound()) consumers.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
        }
        List<FusedChain> found = new ArrayList<>();
        Claims claims = new Claims(nodes.size(), index);
        // pooling → Add first: bit for bit the unfused result, so it keeps an Add a convolution could also end at
        for (int h = 0; h < nodes.size(); h++) {
            FusedChain c = poolAdd(nodes, h, shapes, consumers);
            if (c != null && claims.take(c)) found.add(c);
        }
        for (int h = 0; h < nodes.size(); h++) {
            Node head = nodes.get(h);
            List<Integer> chain = new ArrayList<>();
            ZeroPadding2D pad = null;
            if (head.layer() instanceof ZeroPadding2D z) {
                // ZeroPadding2D → Conv2D|DepthwiseConv2D (→ BN → act): the zeros become the convolution's padding
                Integer conv = soleConsumer(head, consumers);
                if (conv == null || !BatchNormFolding.canAbsorb(nodes.get(conv).layer())
                        || !(nodes.get(conv).layer() instanceof SingleInputLayer sl && PaddedConvLayer.canFoldInto(sl))) {
                    continue;
                }
                pad = z;
                chain.add(h);
                head = nodes.get(conv);
            } else if (!BatchNormFolding.canAbsorb(head.layer())) {
                continue;
            }
            chain.add(index.get(head.name()));
            BatchNormalization bn = null;
            List<ElementwiseActivation> acts = new ArrayList<>();
            Integer next = soleConsumer(head, consumers);
            if (next != null && nodes.get(next).layer() instanceof BatchNormalization b
                    && BatchNormFolding.normalisesLastAxis(b, shapes.get(nodes.get(next).name()).length)) {
                bn = b;
                chain.add(next);
                next = soleConsumer(nodes.get(next), consumers);
            }
            // a run of elementwise activations (Keras 3 op nodes such as x + 3 → relu6 → x · (1/6)
            // follow one another): all of them go into the epilogue, applied in order
            while (next != null && nodes.get(next).layer() instanceof ActivationLayer al
                    && BatchNormFolding.fusableActivation(al) != null) {
                acts.add(BatchNormFolding.fusableActivation(al));
                chain.add(next);
                next = soleConsumer(nodes.get(next), consumers);
            }
            // the end of a residual block: (Dropout →) Add(shortcut) (→ activation), the sum done in the epilogue
            Residual residual = pad == null && ConvAddLayer.canEndResidual(head.layer())
                    ? Residual.after(nodes, chain.getLast(), shapes, consumers) : null;
            if (chain.size() < 2 && residual == null) continue;
            Layer fused = bn == null && acts.isEmpty() ? head.layer()
                    : BatchNormFolding.fuse((SingleInputLayer) head.layer(), bn, ActivationSequence.of(acts));
            if (pad != null) fused = new PaddedConvLayer(pad, (SingleInputLayer) fused);
            if (residual != null) {
                List<Integer> longer = new ArrayList<>(chain);
                longer.addAll(residual.positions());
                FusedChain c = new FusedChain(names(nodes, longer), longer,
                        new ConvAddLayer(nodes.get(longer.getLast()).name(), (Conv2D) fused, residual.after()), List.of(residual.shortcut()));
                if (claims.take(c)) {
                    found.add(c);
                    continue;
                }
                if (chain.size() < 2) continue;        // the Add went to another chain: the convolution alone is no chain
            }
            FusedChain c = new FusedChain(names(nodes, chain), chain, fused);
            if (claims.take(c)) found.add(c);
        }
        return found.isEmpty() ? NONE : new Fusion(found);
    }

    /**
     * What a chain ending at {@code tail} (a convolution's, or a pooling) can take on as the end of a residual block:
     * the Identity layers (Dropout at inference) after it, an Add of two inputs whose other input
     * (the shortcut) has the Add's shape, and an elementwise activation after the Add. Each node
     * but the last must be read by the next alone.
     *
     * @param positions the nodes after the tail, in order (Identity layers, the Add, the activation if any)
     * @param shortcut  the Add's other input
     * @param after     the activation after the Add, or null
     */
    private record Residual(List<Integer> positions, String shortcut, ElementwiseActivation after) {
        static Residual after(List<Node> nodes, int tail, Map<String, int[]> shapes,
                              Map<String, List<Integer>> consumers) {
            List<Integer> positions = new ArrayList<>();
            int from = tail;
            Integer next = soleConsumer(nodes.get(tail), consumers);
            while (next != null && nodes.get(next).layer() instanceof Identity) {
                positions.add(next);
                from = next;
                next = soleConsumer(nodes.get(next), consumers);
            }
            if (next == null || !(nodes.get(next).layer() instanceof Add) || nodes.get(next).inbound().size() != 2) return null;
            Node add = nodes.get(next);
            String mine = nodes.get(from).name();
            String other = add.inbound().get(0).equals(mine) ? add.inbound().get(1) : add.inbound().get(0);
            if (other.equals(mine) || !Arrays.equals(shapes.get(other), shapes.get(add.name()))
                    || !Arrays.equals(shapes.get(mine), shapes.get(add.name()))) {
                return null;
            }
            positions.add(next);
            ElementwiseActivation after = null;
            Integer act = soleConsumer(add, consumers);
            if (act != null && nodes.get(act).layer() instanceof ActivationLayer al && BatchNormFolding.fusableActivation(al) != null) {
                after = BatchNormFolding.fusableActivation(al);
                positions.add(act);
            }
            return new Residual(positions, other, after);
        }
    }

    /**
     * The nodes the chains found so far cover. A chain is kept only when it shares no node with an
     * earlier one, none of the nodes it skips is an extra input of an earlier chain, and none of its
     * extra inputs is skipped by an earlier chain: each node then runs in exactly one place, and
     * every value a fused layer reads is computed. (Without this, the two poolings of
     * {@code add([pool_a(x), pool_b(x)])} both claimed the Add, and one pooling never ran.)
     */
    private static final class Claims {
        private final boolean[] covered, skipped, extra;
        private final Map<String, Integer> index;

        Claims(int size, Map<String, Integer> index) {
            this.covered = new boolean[size];
            this.skipped = new boolean[size];
            this.extra = new boolean[size];
            this.index = index;
        }

        /** Records the chain and returns true when it fits with the earlier ones; else false, nothing recorded. */
        boolean take(FusedChain c) {
            for (int p : c.positions()) if (covered[p]) return false;
            for (int p : c.positions()) if (p != c.tail() && extra[p]) return false;
            for (String e : c.extraInputs()) if (skipped[index.get(e)]) return false;
            for (int p : c.positions()) {
                covered[p] = true;
                if (p != c.tail()) skipped[p] = true;
            }
            for (String e : c.extraInputs()) extra[index.get(e)] = true;
            return true;
        }
    }

    /**
     * The chain {@code pooling (→ Dropout) → Add → activation} starting at position {@code h}, or
     * null: the end of a residual block ({@code add([MaxPooling2D(x), shortcut])}), where the Add's
     * only other input has the same shape (no broadcasting) and the pool's output is read by the Add
     * alone ({@link Residual#after}). The
     * fused layer adds the shortcut to each pooled row while it is in cache, then applies the
     * activation ({@link PoolAddLayer}).
     */
    private static FusedChain poolAdd(List<Node> nodes, int h, Map<String, int[]> shapes, Map<String, List<Integer>> consumers) {
        if (!(nodes.get(h).layer() instanceof Pooling2D pool)) return null;
        Residual end = Residual.after(nodes, h, shapes, consumers);
        if (end == null) return null;
        List<Integer> chain = new ArrayList<>(List.of(h));
        chain.addAll(end.positions());
        List<String> names = names(nodes, chain);
        return new FusedChain(names, chain, new PoolAddLayer(names.getLast(), pool, end.after()), List.of(end.shortcut()));
    }

    /** The nodes' names at these positions. */
    private static List<String> names(List<Node> nodes, List<Integer> positions) {
        List<String> names = new ArrayList<>(positions.size());
        for (int i : positions) names.add(nodes.get(i).name());
        return names;
    }

    /** The position of the node's only consumer, or null when it has none or several. */
    private static Integer soleConsumer(Node n, Map<String, List<Integer>> consumers) {
        List<Integer> c = consumers.getOrDefault(n.name(), List.of());
        return c.size() == 1 ? c.get(0) : null;
    }

    /**
     * The chains one run uses: those whose tail is computed and none of whose skipped outputs was
     * asked for. None when fusion is off now.
     *
     * @param want   the requested node names
     * @param needed which nodes the run computes, by position
     * @return the plan for this run
     */
    Plan plan(Set<String> want, boolean[] needed) {
        List<FusedChain> used = new ArrayList<>();
        if (!chains.isEmpty() && enabled()) {
            for (FusedChain c : chains) {
                if (!needed[c.tail()]) continue;
                boolean asked = false;
                for (String s : c.skipped()) asked |= want.contains(s);
                if (!asked) used.add(c);
            }
        }
        return new Plan(used, needed.length);
    }

    /**
     * What one run does at each node: skip it (its output is folded into a later fused layer),
     * run the fused layer of a chain ending there, or run the node's own layer.
     */
    static final class Plan {
        private final List<FusedChain> used;
        private final boolean[] absorbed;
        private final FusedChain[] endingAt;

        private Plan(List<FusedChain> used, int size) {
            this.used = List.copyOf(used);
            this.absorbed = new boolean[size];
            this.endingAt = new FusedChain[size];
            for (FusedChain c : used) {
                endingAt[c.tail()] = c;
                for (int p : c.positions()) if (p != c.tail()) absorbed[p] = true;
            }
        }

        /** {@return the chains this run fuses} */
        List<FusedChain> chains() { return used; }

        /** {@return true when the node at that position is not run (a later fused layer covers it)} */
        boolean absorbed(int i) { return absorbed[i]; }

        /** {@return the chain whose fused layer runs at that position, or null} */
        FusedChain endingAt(int i) { return endingAt[i]; }
    }
}
