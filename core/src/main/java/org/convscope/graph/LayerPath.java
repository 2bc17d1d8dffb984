package org.convscope.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Paths to layers inside nested models (transfer learning: a pretrained base used as one layer of a
 * new model). A path joins node names with {@code /}, outermost first:
 * {@code mobilenetv2_1.00_96/block_3_expand} is the node {@code block_3_expand} of the model applied
 * at node {@code mobilenetv2_1.00_96}; {@code outer/mid/inner} goes two models deep. A name that is
 * itself a node of the graph always means that node, even when it holds a {@code /}.
 *
 * <p>Every {@link Graph} call that takes a node name ({@link Graph#run}, {@link Graph#activations},
 * {@link Graph#node}, {@link Graph#shapeOf}, {@link Graph#hasNode}, {@link Graph#fusedChains})
 * takes a path as well; {@link Graph#flattened()} is the graph whose node names are those paths.
 *
 * <pre>{@code
 * Tensor seen = graph.activations(x, List.of("mobilenetv2_1.00_96/block_3_expand")).get("mobilenetv2_1.00_96/block_3_expand");
 * LayerPath.Target t = LayerPath.resolve(graph, "mobilenetv2_1.00_96/block_3_expand");
 * t.model();   // the nested Graph that holds block_3_expand
 * }</pre>
 */
public final class LayerPath {
    /** The separator between the segments of a path. */
    public static final String SEPARATOR = "/";

    private LayerPath() {}

    /**
     * Where a path leads.
     *
     * @param path   the path as given
     * @param models the graphs walked through, outermost first (the graph resolved against, then each
     *               nested model); the last one holds {@code node}
     * @param nodes  the node taken in each of {@code models}, in the same order (each but the last is
     *               a nested model's node)
     */
    public record Target(String path, List<Graph> models, List<Node> nodes) {
        /** Copies the lists. */
        public Target {
            models = List.copyOf(models);
            nodes = List.copyOf(nodes);
        }

        /** {@return the node the path names, in its own graph ({@link #model()})} */
        public Node node() { return nodes.get(nodes.size() - 1); }

        /** {@return the graph that holds {@link #node()}: a nested model, or the outer graph for a plain name} */
        public Graph model() { return models.get(models.size() - 1); }

        /** {@return the number of nested models the path goes into (0 for a node of the outer graph)} */
        public int depth() { return models.size() - 1; }
    }

    /**
     * Follows a path through nested models.
     *
     * @param graph the outer model
     * @param path  a node name or a path such as {@code base/inner}
     * @return the node and the models it sits in
     * @throws IllegalArgumentException when no node has that name or path; the message names the
     *                                  segment that failed, in which model, and the nearest names there
     */
    public static Target resolve(Graph graph, String path) {
        Target t = tryResolve(graph, path);
        if (t == null) throw missing(graph, path);
        return t;
    }

    /**
     * Like {@link #resolve} but null when the path leads nowhere.
     *
     * @param graph the outer model
     * @param path  a node name or a path
     * @return the target, or null
     */
    public static Target tryResolve(Graph graph, String path) {
        List<Graph> models = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        return walk(graph, path, models, nodes) ? new Target(path, models, nodes) : null;
    }

    /** Depth first: the whole rest as one node name first, then every split at a separator. */
    private static boolean walk(Graph g, String rest, List<Graph> models, List<Node> nodes) {
        if (g.hasOwnNode(rest)) {
            models.add(g);
            nodes.add(g.node(rest));
            return true;
        }
        for (int cut = rest.indexOf(SEPARATOR); cut > 0; cut = rest.indexOf(SEPARATOR, cut + 1)) {
            String head = rest.substring(0, cut);
            if (!g.hasOwnNode(head) || !(g.node(head).layer() instanceof Graph inner)) continue;
            models.add(g);
            nodes.add(g.node(head));
            if (walk(inner, rest.substring(cut + SEPARATOR.length()), models, nodes)) return true;
            models.remove(models.size() - 1);
            nodes.remove(nodes.size() - 1);
        }
        return false;
    }

    /**
     * The error for a name or path that leads nowhere: which segment failed in which model, the
     * nearest names there, and that model's layers.
     *
     * @param graph the outer model
     * @param path  the name or path that was not found
     * @return the exception to throw
     */
    public static IllegalArgumentException missing(Graph graph, String path) {
        if (path == null) return new IllegalArgumentException("model '" + graph.name() + "': a layer name is null");
        // 1. Down through nested models (Graph layers) as far as the path goes.
        Graph g = graph;
        String rest = path;
        List<String> walked = new ArrayList<>();
        descend:
        while (true) {
            for (int cut = rest.indexOf(SEPARATOR); cut > 0; cut = rest.indexOf(SEPARATOR, cut + 1)) {
                String head = rest.substring(0, cut);
                if (g.hasOwnNode(head) && g.node(head).layer() instanceof Graph inner) {
                    walked.add(head);
                    g = inner;
                    rest = rest.substring(cut + SEPARATOR.length());
                    continue descend;
                }
            }
            break;
        }
        // 2. In a flattened graph the nested models' nodes are g's own, named "base/inner": the
        //    longest prefix of the rest that names such a group.
        List<String> all = new ArrayList<>();
        for (Node n : g.nodes()) all.add(n.name());
        String prefix = "";
        for (int cut = rest.indexOf(SEPARATOR); cut > 0; cut = rest.indexOf(SEPARATOR, cut + 1)) {
            String p = rest.substring(0, cut + SEPARATOR.length());
            String head = rest.substring(0, cut);
            if (all.stream().anyMatch(n -> n.startsWith(p))) {
                prefix = p;
                continue;
            }
            if (g.hasOwnNode(head)) {
                return new IllegalArgumentException("model '" + graph.name() + "' has no layer '" + path + "': layer '"
                        + String.join(SEPARATOR, join(walked, head)) + "' is a " + g.node(head).layer().kerasClass()
                        + ", not a nested model, so '" + rest.substring(cut + SEPARATOR.length()) + "' cannot be inside it");
            }
            break;
        }
        String local = rest.substring(prefix.length());
        List<String> names = new ArrayList<>();
        for (String n : all) {
            if (n.startsWith(prefix) && !n.substring(prefix.length()).contains(SEPARATOR)) names.add(n.substring(prefix.length()));
        }
        String segment = local.contains(SEPARATOR) ? local.substring(0, local.indexOf(SEPARATOR)) : local;
        List<String> near = near(segment, names, 5);
        List<String> model = new ArrayList<>(walked);
        if (!prefix.isEmpty()) model.add(prefix.substring(0, prefix.length() - SEPARATOR.length()));
        String where = model.isEmpty() ? "" : ": nested model '" + String.join(SEPARATOR, model) + "' has no layer '" + local + "'";
        return new IllegalArgumentException("model '" + graph.name() + "' has no layer '" + path + "'" + where
                + (near.isEmpty() ? "" : "; did you mean " + quoteAll(model, near) + "?")
                + "; " + (model.isEmpty() ? "its" : "the nested model's") + " layers are: " + String.join(", ", names));
    }

    private static List<String> join(List<String> walked, String last) {
        List<String> all = new ArrayList<>(walked);
        all.add(last);
        return all;
    }

    private static String quoteAll(List<String> walked, List<String> names) {
        String prefix = walked.isEmpty() ? "" : String.join(SEPARATOR, walked) + SEPARATOR;
        List<String> q = new ArrayList<>();
        for (String n : names) q.add("'" + prefix + n + "'");
        return String.join(" or ", q);
    }

    /**
     * The names closest to {@code wanted}, closest first: those that contain it or that it contains
     * (case ignored), and those within a few edits of it.
     *
     * @param wanted the name that was not found
     * @param names  the names that exist
     * @param max    at most this many
     * @return up to {@code max} names, closest first
     */
    public static List<String> near(String wanted, Collection<String> names, int max) {
        String w = wanted.toLowerCase(Locale.ROOT);
        record Scored(String name, int score) { }
        List<Scored> scored = new ArrayList<>();
        for (String n : names) {
            String l = n.toLowerCase(Locale.ROOT);
            int tail = l.lastIndexOf(SEPARATOR);
            String last = tail >= 0 ? l.substring(tail + 1) : l;
            int d = Math.min(distance(w, l), distance(w, last));
            int limit = Math.max(2, w.length() / 3);
            if (l.equals(w)) d = 0;
            else if (!w.isEmpty() && (l.contains(w) || (w.contains(last) && last.length() >= 3))) d = Math.min(d, 1 + Math.abs(l.length() - w.length()) / 4);
            if (d <= limit) scored.add(new Scored(n, d));
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < scored.size() && i < max; i++) out.add(scored.get(i).name());
        return out;
    }

    /** Levenshtein distance (strings of layer-name length; quadratic is fine). */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
