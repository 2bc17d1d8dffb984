package org.convscope.internal.engine;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.convscope.engine.EngineConfig;
import org.convscope.internal.gemm.Gemm;
import org.convscope.internal.gemm.Gemms;

/**
 * An {@link EngineConfig} resolved against this machine: the vector width in bits (0 = scalar), the
 * GEMM, the threads, the L2 size. Every engine decision reads the engine of the calling thread,
 * {@link #current()}: the configuration bound by {@link EngineConfig#call} or a configured graph,
 * else the process's {@link #global()} one (read from {@code -Dconvscope.*} once and logged in one
 * line). Engines are cached per configuration and immutable.
 *
 * <p><b>Width.</b> The vector kernels hold their species in {@code static final} fields (the JIT
 * needs it constant), so the width is resolved once for the process ({@link #processBits()}); an
 * engine for another configuration runs at that width or scalar, and a configuration that names
 * another width is refused.
 */
public final class Engine {
    private static final System.Logger LOG = System.getLogger("org.convscope.engine");
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final ThreadLocal<Engine> CURRENT = new ThreadLocal<>();
    private static final ConcurrentHashMap<EngineConfig, Engine> CACHE = new ConcurrentHashMap<>();
    private static volatile Engine global;

    private final EngineConfig config;
    private final int vectorBits;
    private final Gemm gemm;
    private final long l2Bytes;
    private final String summary;

    private Engine(EngineConfig config, int vectorBits, String why) {
        this.config = config;
        this.vectorBits = vectorBits;
        this.gemm = Gemms.forBits(vectorBits, config.threads());
        this.l2Bytes = 1024L * (config.l2KiB() > 0 ? config.l2KiB() : CacheL2.systemKiB());
        this.summary = (vectorBits == 0 ? "scalar loops" : "Vector API, " + vectorBits + "-bit species")
                + (why == null ? "" : " (" + why + ")") + ", " + config.threads() + " thread(s), GEMM " + gemm.name()
                + ", L2 " + l2Bytes / 1024 + " KiB; " + config.describe();
    }

    /** {@return the engine of the calling thread: the bound one, else the process's} */
    public static Engine current() {
        Engine e = CURRENT.get();
        return e != null ? e : global();
    }

    /**
     * {@return the process's engine, from {@link EngineConfig#global()}; made and logged once}
     *
     * @throws IllegalArgumentException naming a {@code -Dconvscope.*} property with a bad value
     */
    public static Engine global() {
        Engine g = global;
        if (g == null) {
            synchronized (Engine.class) {
                g = global;
                if (g == null) {
                    EngineConfig c = EngineConfig.global();
                    Width w = resolve(c.vector());
                    g = new Engine(c, w.bits(), w.why());
                    LOG.log(w.why() != null && w.bits() == 0 && c.vector() != EngineConfig.Vector.OFF ? Level.WARNING : Level.INFO,
                            "convscope engine: " + g.summary);
                    CACHE.put(c, g);
                    global = g;
                }
            }
        }
        return g;
    }

    /**
     * A vector width resolved on this machine: bits (0 = scalar) and why, or null when there is
     * nothing to say.
     *
     * @param bits 0, 256 or 512
     * @param why the reason, for the start-up line
     */
    public record Width(int bits, String why) {}

    /**
     * The one resolution of a {@code vector} setting on this machine: {@code off} is scalar;
     * {@code 256}/{@code 512} that width when the {@code jdk.incubator.vector} module is readable;
     * {@code auto} the preferred width when it is 256 bits or more, else scalar.
     *
     * @param setting the setting
     * @return the width and why
     */
    public static Width resolve(EngineConfig.Vector setting) {
        String unavailable = whyVectorUnavailable();
        int preferred = unavailable == null ? VectorProbe.preferredBits() : 0;
        int bits = switch (setting) {
            case OFF -> 0;
            case BITS_256 -> unavailable == null ? 256 : 0;
            case BITS_512 -> unavailable == null ? 512 : 0;
            case AUTO -> preferred >= 512 ? 512 : preferred >= 256 ? 256 : 0;
        };
        String why = null;
        if (unavailable != null && setting != EngineConfig.Vector.OFF) {
            why = unavailable + " Pass '--add-modules " + VECTOR_MODULE + "' for the fast kernels";
        } else if (unavailable == null && bits == 0 && setting == EngineConfig.Vector.AUTO) {
            why = "the platform's preferred vector size is " + preferred + " bits, below 256";
        } else if (bits != 0) {
            why = "preferred " + preferred;
        }
        return new Width(bits, why);
    }

    /**
     * The engine for a configuration (the process's when equal to it).
     *
     * @param config the configuration
     * @return its engine
     * @throws IllegalArgumentException when it names a vector width other than the process's
     */
    public static Engine of(EngineConfig config) {
        Engine g = global();
        if (config.equals(g.config)) return g;
        Engine e = CACHE.get(config);
        if (e != null) return e;
        int bits = switch (config.vector()) {
            case OFF -> 0;
            case AUTO -> g.vectorBits;
            case BITS_256 -> 256;
            case BITS_512 -> 512;
        };
        if (bits != 0 && bits != g.vectorBits) {
            throw new IllegalArgumentException("vector=" + config.vector().word() + ": this process runs "
                    + (g.vectorBits == 0 ? "scalar loops" : g.vectorBits + "-bit vector kernels")
                    + " (set with -Dconvscope.vector at start-up); a model's or call's configuration may use vector=auto or vector=off");
        }
        return CACHE.computeIfAbsent(config, c -> new Engine(c, bits, null));
    }

    /**
     * Binds the engine of {@code config} to the calling thread (for {@link EngineConfig#call}).
     *
     * @param config the configuration
     * @return what was bound before, for {@link #unbind}
     */
    public static Object bind(EngineConfig config) { return bind(of(config)); }

    /**
     * Binds an engine to the calling thread (a worker running a caller's task, say).
     *
     * @param engine the engine, or null for none (the process's)
     * @return what was bound before, for {@link #unbind}
     */
    public static Engine bind(Engine engine) {
        Engine previous = CURRENT.get();
        CURRENT.set(engine);
        return previous;
    }

    /**
     * Restores the binding that {@link #bind} replaced.
     *
     * @param previous what {@link #bind} returned
     */
    public static void unbind(Object previous) { CURRENT.set((Engine) previous); }

    /** {@return the engine bound to the calling thread, or null (for handing it to worker threads)} */
    public static Engine bound() { return CURRENT.get(); }

    /** {@return the process's vector width in bits, 0 when it runs scalar loops} */
    public static int processBits() { return global().vectorBits; }

    /** {@return the configuration this engine resolves} */
    public EngineConfig config() { return config; }

    /** {@return the vector width in bits, 0 for the scalar loops} */
    public int vectorBits() { return vectorBits; }

    /** {@return whether the Vector API loops run} */
    public boolean vector() { return vectorBits != 0; }

    /** {@return the GEMM} */
    public Gemm gemm() { return gemm; }

    /** {@return the threads of parallel loops} */
    public int threads() { return gemm.threads(); }

    /** {@return the per-core L2 cache in bytes} */
    public long l2Bytes() { return l2Bytes; }

    /** {@return one line: width, threads, GEMM, L2 and every setting} */
    public String summary() { return summary; }

    @Override
    public String toString() { return "Engine[" + summary + "]"; }

    /** Null when the Vector API module is present and readable, else the reason in one sentence. */
    private static String whyVectorUnavailable() {
        Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if (vector.isEmpty()) return "The Java vector incubator module (" + VECTOR_MODULE + ") is not in the boot layer.";
        if (!Engine.class.getModule().canRead(vector.get())) {
            return "The Java vector incubator module is not readable by " + Engine.class.getModule() + ".";
        }
        return null;
    }
}
