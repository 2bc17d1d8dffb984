package org.convscope.internal.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A layer's engine-dependent part (a convolution's path and packed kernel, say), made on first use
 * for each engine that runs the layer: the process's engine in one slot read without locking,
 * others in a small map. Made lazily, so a layer that is never run (a fused chain's unfused parts,
 * say) packs nothing.
 *
 * @param <T> the engine-dependent part
 */
public final class PerEngine<T> {
    private final Function<Engine, T> make;
    private volatile Slot<T> first;                     // usually the process's engine
    private volatile ConcurrentHashMap<Engine, T> others;

    private record Slot<T>(Engine engine, T value) {}

    /**
     * @param make builds the part for an engine (may run more than once under a race; any result is equivalent)
     */
    public PerEngine(Function<Engine, T> make) { this.make = make; }

    /** {@return the part for the calling thread's engine} */
    public T current() { return get(Engine.current()); }

    /**
     * @param engine the engine
     * @return the part for that engine, made on first use
     */
    public T get(Engine engine) {
        Slot<T> s = first;
        if (s != null && s.engine == engine) return s.value;
        if (s == null) {
            T v = make.apply(engine);
            first = new Slot<>(engine, v);
            return v;
        }
        ConcurrentHashMap<Engine, T> map = others;
        if (map == null) {
            synchronized (this) {
                if (others == null) others = new ConcurrentHashMap<>();
                map = others;
            }
        }
        return map.computeIfAbsent(engine, make);
    }
}
