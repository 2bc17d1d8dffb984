package org.convscope.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@link Graph#run} computes for a list of requested outputs, worked out once for that
 * list (the graph keeps the last plan it made, so repeated {@code predict} calls reuse it; a caller
 * alternating between two requests makes a plan per call, which costs a few small arrays): which nodes
 * run and in what order, which fused chains replace which nodes, what each node reads, and after
 * which node each intermediate is read for the last time and may go back to the arena.
 *
 * <p>Immutable once made; shared by concurrent calls.
 */
final class RunPlan {
    /** The requested node names, in the order asked. */
    final Set<String> want;
    /** {@link Fusion#enabled()} when the plan was made (a plan is reused only under the same setting). */
    final boolean fusing;
    /** By position: the node is computed (it or a fused chain ending at it runs, or it is absorbed). */
    final boolean[] needed;
    /** The chains this run fuses. */
    final Fusion.Plan fusion;
    /** Positions that run, in order: absorbed nodes are left out, a fused chain runs at its tail. */
    final int[] order;
    /** For each entry of {@link #order}: positions of the outputs it reads (a fused chain's head's inputs, then its extra inputs), in order. */
    final int[][] reads;
    /** For each entry of {@link #order}: positions whose outputs nobody reads after it and nobody asked for. */
    final int[][] dies;
    /** The requested positions, in the order asked. */
    final int[] wanted;

    private RunPlan(Set<String> want, boolean fusing, boolean[] needed, Fusion.Plan fusion, int[] order,
                    int[][] reads, int[][] dies, int[] wanted) {
        this.want = want;
        this.fusing = fusing;
        this.needed = needed;
        this.fusion = fusion;
        this.order = order;
        this.reads = reads;
        this.dies = dies;
        this.wanted = wanted;
    }

    /**
     * Plans a run of {@code nodes} (topological order) for the requested names, which the caller
     * has checked exist.
     *
     * @param nodes  the graph's nodes
     * @param index  node name to position
     * @param want   the requested names, in the order asked
     * @param fusion the graph's fusable chains
     * @return the plan
     */
    static RunPlan of(List<Node> nodes, Map<String, Integer> index, Set<String> want, Fusion fusion) {
        int size = nodes.size();
        boolean[] needed = new boolean[size];
        for (String w : want) needed[index.get(w)] = true;
        for (int i = size - 1; i >= 0; i--) {
            if (!needed[i]) continue;
            for (String s : nodes.get(i).inbound()) {
                needed[index.get(s)] = true;
            }
        }
        Fusion.Plan plan = fusion.plan(want, needed);
        boolean[] asked = new boolean[size];
        int[] wanted = new int[want.size()];
        int w = 0;
        for (String s : want) asked[wanted[w++] = index.get(s)] = true;

        List<Integer> order = new ArrayList<>();
        List<int[]> reads = new ArrayList<>();
        int[] lastRead = new int[size];                 // index into order of the last reader of each position
        Arrays.fill(lastRead, -1);
        for (int i = 0; i < size; i++) {
            if (!needed[i] || plan.absorbed(i)) continue;
            FusedChain chain = plan.endingAt(i);
            Node from = chain == null ? nodes.get(i) : nodes.get(chain.head());
            List<String> names = chain == null || chain.extraInputs().isEmpty() ? from.inbound()
                    : concat(from.inbound(), chain.extraInputs());
            int[] in = new int[names.size()];
            for (int k = 0; k < in.length; k++) {
                in[k] = index.get(names.get(k));
                lastRead[in[k]] = order.size();
            }
            order.add(i);
            reads.add(in);
        }
        List<List<Integer>> dies = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) dies.add(new ArrayList<>());
        for (int j = 0; j < size; j++) if (lastRead[j] >= 0 && !asked[j]) dies.get(lastRead[j]).add(j);
        int[][] diesArr = new int[order.size()][];
        for (int k = 0; k < diesArr.length; k++) diesArr[k] = dies.get(k).stream().mapToInt(Integer::intValue).toArray();
        return new RunPlan(new LinkedHashSet<>(want), Fusion.enabled(), needed, plan,
                order.stream().mapToInt(Integer::intValue).toArray(), reads.toArray(new int[0][]), diesArr, wanted);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Whether this plan serves a run asking for {@code names}, in that order, under the current
     * fusion setting ({@link #wanted} follows the order asked).
     */
    boolean serves(Set<String> names) {
        if (fusing != Fusion.enabled() || want.size() != names.size()) return false;
        var a = want.iterator();
        for (String n : names) if (!a.next().equals(n)) return false;
        return true;
    }
}
