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
 * subclasses unless they have their own (one rule for {@code Pooling2D} covers MaxPooling2D and
 * AveragePooling2D, one for {@code ActivationLayer} covers ReLU, Softmax, ELU and the rest). A nested
 * model ({@link Graph} used as a layer) is differentiated by running its own backward pass.
 *
 * <p>Threads: the registry is a concurrent map, so lookups and registrations may happen on any
 * thread; the rules themselves are stateless and shared by every backward pass.
 */
public final class LayerGradients {
    private static final Map<Class<?>, LayerGradient<?>> RULES = new ConcurrentHashMap<>();

    static {
        BuiltinGradients.registerAll();
        AppLayerGradients.registerAll();
        register(Graph.class, new GraphLayerGradient());
    }

    private LayerGradients() {}

    /**
     * Registers (or replaces) the backward rule of a layer class. The rule then serves that class
     * and every subclass without a rule of its own, from the next lookup on.
     *
     * @param <L>        the layer type
     * @param layerClass the class to register the rule under (not null)
     * @param rule       the backward rule (not null); shared by every backward pass on every thread,
     *                   so it must be stateless or thread-safe
     * @throws NullPointerException when {@code layerClass} or {@code rule} is null
     */
    public static <L extends Layer> void register(Class<L> layerClass, LayerGradient<? super L> rule) {
        RULES.put(layerClass, rule);
    }

    /**
     * Whether {@code layer}'s class (or a superclass) has a backward rule. This looks at the class
     * only: a layer whose fused activation has no derivative (see
     * {@link ActivationGradient#supports}) or a nested model holding an unsupported layer still fails
     * in the backward pass.
     *
     * @param layer a layer
     * @return true when a rule is registered for the layer's class or one of its superclasses
     */
    public static boolean supports(Layer layer) { return find(layer.getClass()) != null; }

    /**
     * The backward rule for this layer: the one registered for its class, or else for its nearest
     * superclass that has one.
     *
     * @param <L>   the layer type
     * @param layer the layer
     * @return its backward rule
     * @throws NoGradientException naming the layer, its Keras and Java classes and listing the
     *                             supported classes, when there is none
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

    /**
     * The layer classes that have a rule, for messages and documentation.
     *
     * @return the simple names of every registered layer class, sorted, in an unmodifiable list (a
     *         base class such as {@code Pooling2D} stands for its subclasses)
     */
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
