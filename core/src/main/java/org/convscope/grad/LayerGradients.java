package org.convscope.grad;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.convscope.graph.Graph;
import org.convscope.layers.Layer;

/**
 * The registry of backward rules, by layer class. Every inference layer of convscope is
 * registered here; a library user may {@link #register} a rule for a layer class of their own.
 *
 * <p>Lookup walks up the class hierarchy, so a rule registered for a base class serves its
 * subclasses unless they have their own.
 */
public final class LayerGradients {
    private static final Map<Class<?>, LayerGradient<?>> RULES = new ConcurrentHashMap<>();

    static {
        BuiltinGradients.registerAll();
        register(Graph.class, new GraphLayerGradient());
    }

    private LayerGradients() {}

    /** Registers (or replaces) the backward rule of a layer class. */
    public static <L extends Layer> void register(Class<L> layerClass, LayerGradient<? super L> rule) {
        RULES.put(layerClass, rule);
    }

    /** True when {@code layer} has a backward rule. */
    public static boolean supports(Layer layer) { return find(layer.getClass()) != null; }

    /**
     * The backward rule for this layer.
     *
     * @throws NoGradientException naming the layer when there is none
     */
    @SuppressWarnings("unchecked")
    public static <L extends Layer> LayerGradient<L> of(L layer) {
        LayerGradient<?> rule = find(layer.getClass());
        if (rule == null) {
            TreeSet<String> known = new TreeSet<>();
            for (Class<?> c : RULES.keySet()) known.add(c.getSimpleName());
            throw new NoGradientException(layer.name(), "layer '" + layer.name() + "' (Keras class " + layer.kerasClass()
                    + ", Java class " + layer.getClass().getName() + ") has no input gradient; layers with one: "
                    + String.join(", ", known));
        }
        return (LayerGradient<L>) rule;
    }

    /** The simple names of every registered layer class, sorted. */
    public static List<String> supportedClasses() {
        TreeSet<String> known = new TreeSet<>();
        for (Class<?> c : RULES.keySet()) known.add(c.getSimpleName());
        return List.copyOf(known);
    }

    private static LayerGradient<?> find(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            LayerGradient<?> r = RULES.get(k);
            if (r != null) return r;
        }
        return null;
    }
}
