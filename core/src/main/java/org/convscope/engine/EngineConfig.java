package org.convscope.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Every setting of convscope's engine in one immutable value: vector width, threads, the workers'
 * spin, Winograd and its tile, the direct short-reduction kernel, the L2 size that blocks Winograd,
 * fusion, the activation arena and its cap, the batch split. The README's "Engine settings" table
 * lists them.
 *
 * <p><b>Where a configuration comes from.</b> {@link #global()} is read once from the
 * {@code -Dconvscope.*} system properties ({@link #fromProperties}) at the engine's first use and
 * logged in the engine's one start-up line. Every value is checked then: a bad one is an
 * {@link IllegalArgumentException} naming the property and the accepted values (never an
 * {@code ExceptionInInitializerError}). A model or a single call can run under another
 * configuration without touching system properties: {@code graph.withConfig(config)}, or
 * {@link #call(Callable)} / {@link #run(Runnable)} around any engine calls made on the calling
 * thread (the engine's worker threads inherit it for the tasks they run for that call).
 *
 * <p><b>One vocabulary.</b> Switches take {@code on}, {@code off} and, where the engine has a
 * measured rule, {@code auto}; sizes take a positive whole number or {@code auto}.
 *
 * <p><b>Vector width.</b> {@code vector=auto|off|256|512}: {@code auto} takes the platform's
 * preferred width when the {@code jdk.incubator.vector} module is readable and the width is at
 * least 256 bits (a 128-bit host, NEON for example, runs the scalar path: no kernel is tuned for 128
 * bits); {@code off} runs every loop on its scalar path. The width is the same in the GEMM, direct
 * convolution, depthwise, Winograd's transforms and pooling. The JIT compiles the vector kernels for
 * one species, so the width is process-wide: a per-model or per-call configuration may keep the
 * process's width or turn vectors {@code off}, and naming another width is refused with a message
 * saying so.
 */
public final class EngineConfig {
    /** The vector width of every vector loop. */
    public enum Vector {
        /** The platform's preferred width when it is 256 bits or more, else scalar. */
        AUTO("auto"),
        /** Scalar loops everywhere. */
        OFF("off"),
        /** 256-bit species (AVX2 registers; emulated slower on a narrower host). */
        BITS_256("256"),
        /** 512-bit species (AVX-512 registers; emulated slower on a narrower host). */
        BITS_512("512");

        private final String word;

        Vector(String word) { this.word = word; }

        /** {@return the property value that means this width} */
        public String word() { return word; }
    }

    /** A switch: the engine's measured rule, always on where it applies, or never. */
    public enum Switch {
        /** The planner's measured rule decides. */
        AUTO("auto"),
        /** Wherever it applies. */
        ON("on"),
        /** Never. */
        OFF("off");

        private final String word;

        Switch(String word) { this.word = word; }

        /** {@return the property value that means this setting} */
        public String word() { return word; }
    }

    /** Which Winograd algorithm runs where Winograd runs. */
    public enum WinogradTile {
        /** The planner's rule: F(4x4, 3x3) for wide layers with a scale-keeping activation, else F(2x2, 3x3). */
        AUTO("auto"),
        /** F(2x2, 3x3) everywhere. */
        F2("2"),
        /** F(4x4, 3x3) everywhere. */
        F4("4");

        private final String word;

        WinogradTile(String word) { this.word = word; }

        /** {@return the property value that means this tile} */
        public String word() { return word; }
    }

    /** Prefix of every engine system property. */
    public static final String PREFIX = "convscope.";

    private static final EngineConfig DEFAULTS = new EngineConfig(Vector.AUTO, 0, 200, Switch.AUTO, WinogradTile.AUTO,
            Switch.AUTO, 0, true, true, 0, Switch.AUTO, false);

    private static volatile EngineConfig global;

    private final Vector vector;
    private final int threads;            // 0 = available processors
    private final int spinMicros;
    private final Switch winograd;
    private final WinogradTile winogradTile;
    private final Switch direct;
    private final int l2KiB;              // 0 = read from the system
    private final boolean fuse;
    private final boolean arena;
    private final long arenaMaxMiB;       // 0 = a quarter of the heap
    private final Switch batchSplit;
    private final boolean arenaPoison;

    private EngineConfig(Vector vector, int threads, int spinMicros, Switch winograd, WinogradTile winogradTile,
                         Switch direct, int l2KiB, boolean fuse, boolean arena, long arenaMaxMiB, Switch batchSplit,
                         boolean arenaPoison) {
        this.vector = Objects.requireNonNull(vector, "vector");
        if (threads < 0) throw new IllegalArgumentException("EngineConfig: threads must be >= 1 (or 0 for auto), got " + threads);
        if (spinMicros < 0) throw new IllegalArgumentException("EngineConfig: spinMicros must be >= 0, got " + spinMicros);
        if (l2KiB < 0) throw new IllegalArgumentException("EngineConfig: l2KiB must be >= 1 (or 0 for auto), got " + l2KiB);
        if (arenaMaxMiB < 0) throw new IllegalArgumentException("EngineConfig: arenaMaxMiB must be >= 0, got " + arenaMaxMiB);
        this.threads = threads;
        this.spinMicros = spinMicros;
        this.winograd = Objects.requireNonNull(winograd, "winograd");
        this.winogradTile = Objects.requireNonNull(winogradTile, "winogradTile");
        this.direct = Objects.requireNonNull(direct, "direct");
        this.l2KiB = l2KiB;
        this.fuse = fuse;
        this.arena = arena;
        this.arenaMaxMiB = arenaMaxMiB;
        this.batchSplit = Objects.requireNonNull(batchSplit, "batchSplit");
        this.arenaPoison = arenaPoison;
    }

    /** {@return the built-in defaults, ignoring system properties} */
    public static EngineConfig defaults() { return DEFAULTS; }

    /**
     * The process's configuration: the {@code -Dconvscope.*} system properties, read and checked
     * once, at the first call.
     *
     * @return the configuration every call uses unless a model or call names another
     * @throws IllegalArgumentException naming the property when one has a value not accepted
     */
    public static EngineConfig global() {
        EngineConfig g = global;
        if (g == null) {
            synchronized (EngineConfig.class) {
                g = global;
                if (g == null) global = g = fromProperties(System.getProperties());
            }
        }
        return g;
    }

    /**
     * Reads a configuration from properties named like the system properties
     * ({@code convscope.vector}, {@code convscope.threads}, ...); a missing one keeps its default.
     *
     * @param properties the properties (other keys are ignored)
     * @return the configuration
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    public static EngineConfig fromProperties(Properties properties) {
        Map<String, String> map = new java.util.HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) map.put(key, properties.getProperty(key));
        }
        return fromMap(map);
    }

    /**
     * As {@link #fromProperties}, from a map of property names to values.
     *
     * @param values property name (with the {@code convscope.} prefix) to value
     * @return the configuration
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    public static EngineConfig fromMap(Map<String, String> values) {
        EngineConfig c = DEFAULTS;
        for (Setting s : Setting.values()) {
            String v = values.get(PREFIX + s.key);
            if (v != null) c = s.apply(c, v.trim().toLowerCase(Locale.ROOT));
        }
        return c;
    }

    /** The settings, their property names (after {@code convscope.}) and how each is read. */
    enum Setting {
        VECTOR("vector", "auto, off, 256 or 512") {
            EngineConfig apply(EngineConfig c, String v) {
                for (Vector x : Vector.values()) if (x.word.equals(v)) return c.withVector(x);
                throw bad(v);
            }
        },
        THREADS("threads", "auto or a whole number >= 1") {
            EngineConfig apply(EngineConfig c, String v) { return c.withThreads(v.equals("auto") ? 0 : positive(v)); }
        },
        SPIN("spinMicros", "a whole number of microseconds >= 0") {
            EngineConfig apply(EngineConfig c, String v) { return c.withSpinMicros(whole(v)); }
        },
        WINOGRAD("winograd", "auto, on or off") {
            EngineConfig apply(EngineConfig c, String v) { return c.withWinograd(sw(v)); }
        },
        TILE("winograd.tile", "auto, 2 or 4") {
            EngineConfig apply(EngineConfig c, String v) {
                for (WinogradTile x : WinogradTile.values()) if (x.word.equals(v)) return c.withWinogradTile(x);
                throw bad(v);
            }
        },
        DIRECT("direct", "auto, on or off") {
            EngineConfig apply(EngineConfig c, String v) { return c.withDirect(sw(v)); }
        },
        L2("l2KiB", "auto or a whole number of KiB >= 1") {
            EngineConfig apply(EngineConfig c, String v) { return c.withL2KiB(v.equals("auto") ? 0 : positive(v)); }
        },
        FUSE("fuse", "on or off") {
            EngineConfig apply(EngineConfig c, String v) { return c.withFuse(onOff(v)); }
        },
        ARENA("arena", "on or off") {
            EngineConfig apply(EngineConfig c, String v) { return c.withArena(onOff(v)); }
        },
        ARENA_MAX("arena.maxMiB", "auto or a whole number of MiB >= 0") {
            EngineConfig apply(EngineConfig c, String v) { return c.withArenaMaxMiB(v.equals("auto") ? 0 : whole(v)); }
        },
        ARENA_POISON("arena.poison", "on or off") {
            EngineConfig apply(EngineConfig c, String v) { return c.withArenaPoison(onOff(v)); }
        },
        BATCH_SPLIT("batchSplit", "auto, on or off") {
            EngineConfig apply(EngineConfig c, String v) { return c.withBatchSplit(sw(v)); }
        };

        final String key;
        final String accepted;

        Setting(String key, String accepted) {
            this.key = key;
            this.accepted = accepted;
        }

        abstract EngineConfig apply(EngineConfig c, String value);

        IllegalArgumentException bad(String v) {
            String shown = v.length() > 40 ? v.substring(0, 40) + "..." : v;
            return new IllegalArgumentException("-D" + PREFIX + key + "=" + shown + ": expected " + accepted);
        }

        Switch sw(String v) {
            for (Switch x : Switch.values()) if (x.word.equals(v)) return x;
            throw bad(v);
        }

        boolean onOff(String v) {
            if (v.equals("on")) return true;
            if (v.equals("off")) return false;
            throw bad(v);
        }

        int whole(String v) {
            if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(Character::isDigit)) throw bad(v);
            return Integer.parseInt(v);
        }

        int positive(String v) {
            int n = whole(v);
            if (n < 1) throw bad(v);
            return n;
        }
    }

    /** {@return the vector width setting} */
    public Vector vector() { return vector; }

    /** {@return the engine's threads (the available processors when set to auto)} */
    public int threads() { return threads == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads; }

    /** {@return how long an idle worker thread spins before parking, in microseconds} */
    public int spinMicros() { return spinMicros; }

    /** {@return when Winograd runs} */
    public Switch winograd() { return winograd; }

    /** {@return which Winograd algorithm runs} */
    public WinogradTile winogradTile() { return winogradTile; }

    /** {@return when the direct short-reduction kernel runs} */
    public Switch direct() { return direct; }

    /** {@return the per-core L2 size in KiB given, or 0 for "read it from the system"} */
    public int l2KiB() { return l2KiB; }

    /** {@return whether conv → BatchNormalization → activation (and pooling → Add) chains run fused} */
    public boolean fuse() { return fuse; }

    /** {@return whether forward passes recycle their intermediate arrays} */
    public boolean arena() { return arena; }

    /** {@return the arena's cap on idle bytes in MiB, or 0 for a quarter of the heap} */
    public long arenaMaxMiB() { return arenaMaxMiB; }

    /** {@return whether recycled arrays are filled with NaN before reuse (for tests)} */
    public boolean arenaPoison() { return arenaPoison; }

    /** {@return when a batch is split over the threads} */
    public Switch batchSplit() { return batchSplit; }

    /**
     * A copy of this configuration with this vector width.
     *
     * @param v the vector width
     * @return the copy
     */
    public EngineConfig withVector(Vector v) {
        return new EngineConfig(v, threads, spinMicros, winograd, winogradTile, direct, l2KiB, fuse, arena, arenaMaxMiB, batchSplit, arenaPoison);
    }

    /**
     * A copy of this configuration with this thread count.
     *
     * @param n threads, at least 1, or 0 for the available processors
     * @return the copy
     */
    public EngineConfig withThreads(int n) {
        return new EngineConfig(vector, n, spinMicros, winograd, winogradTile, direct, l2KiB, fuse, arena, arenaMaxMiB, batchSplit, arenaPoison);
    }

    /**
     * A copy of this configuration with this spin.
     *
     * @param micros spin before parking, at least 0
     * @return the copy
     */
    public EngineConfig withSpinMicros(int micros) {
        return new EngineConfig(vector, threads, micros, winograd, winogradTile, direct, l2KiB, fuse, arena, arenaMaxMiB, batchSplit, arenaPoison);
    }

    /**
     * A copy of this configuration with this Winograd setting.
     *
     * @param s when Winograd runs
     * @return the copy
     */
    public EngineConfig withWinograd(Switch s) {
        return new EngineConfig(vector, threads, spinMicros, s, winogradTile, direct, l2KiB, fuse, arena, arenaMaxMiB, batchSplit, arenaPoison);
    }

    /**
     * A copy of this configuration with this tile.
     *
     * @param t which Winograd algorithm
     * @return the copy
     */
    public EngineConfig withWinogradTile(WinogradTile t) {
        return new EngineConfig(vector, threads, spinMicros, winograd, t, direct, l2KiB, fuse, arena, arenaMaxMiB, batchSplit, arenaPoison);
    }

    /**
     * A copy of this configuration with this setting.
     *
     * @param s when the direct short-reduction kernel runs
     * @return the copy
     */
    public EngineConfig withDirect(Switch s) {
        return new EngineConfig(vector, threads, spinMicros, winograd, winogradTile, s, l2KiB, fuse, arena, arenaMaxMiB, batchSplit, arenaPoison);
    }

    /**
     * A copy of this configuration with this L2 size.
     *
     * @param kib the per-core L2 in KiB, or 0 to read it from the system
     * @return the copy
     */
    public EngineConfig withL2KiB(int kib) {
        return new EngineConfig(vector, threads, spinMicros, winograd, winogradTile, direct, kib, fuse, arena, arenaMaxMiB, batchSplit, arenaPoison);
    }

    /**
     * A copy of this configuration with this fusion setting.
     *
     * @param on whether chains run fused
     * @return the copy
     */
    public EngineConfig withFuse(boolean on) {
        return new EngineConfig(vector, threads, spinMicros, winograd, winogradTile, direct, l2KiB, on, arena, arenaMaxMiB, batchSplit, arenaPoison);
    }

    /**
     * A copy of this configuration with this arena setting.
     *
     * @param on whether passes recycle intermediates
     * @return the copy
     */
    public EngineConfig withArena(boolean on) {
        return new EngineConfig(vector, threads, spinMicros, winograd, winogradTile, direct, l2KiB, fuse, on, arenaMaxMiB, batchSplit, arenaPoison);
    }

    /**
     * A copy of this configuration with this cap.
     *
     * @param mib the arena's cap on idle bytes in MiB, or 0 for a quarter of the heap
     * @return the copy
     */
    public EngineConfig withArenaMaxMiB(long mib) {
        return new EngineConfig(vector, threads, spinMicros, winograd, winogradTile, direct, l2KiB, fuse, arena, mib, batchSplit, arenaPoison);
    }

    /**
     * A copy of this configuration with this setting.
     *
     * @param on whether recycled arrays are poisoned with NaN
     * @return the copy
     */
    public EngineConfig withArenaPoison(boolean on) {
        return new EngineConfig(vector, threads, spinMicros, winograd, winogradTile, direct, l2KiB, fuse, arena, arenaMaxMiB, batchSplit, on);
    }

    /**
     * A copy of this configuration with this setting.
     *
     * @param s when batches are split over the threads
     * @return the copy
     */
    public EngineConfig withBatchSplit(Switch s) {
        return new EngineConfig(vector, threads, spinMicros, winograd, winogradTile, direct, l2KiB, fuse, arena, arenaMaxMiB, s, arenaPoison);
    }

    /**
     * Runs {@code body} with this configuration for every engine call it makes on the calling
     * thread (and the tasks the engine's workers run for those calls).
     *
     * @param body what to run
     * @param <T> the result type
     * @return what {@code body} returns
     * @throws Exception what {@code body} throws
     * @throws IllegalArgumentException when this configuration names a vector width other than the process's
     */
    public <T> T call(Callable<T> body) throws Exception {
        Object previous = org.convscope.internal.engine.Engine.bind(this);
        try {
            return body.call();
        } finally {
            org.convscope.internal.engine.Engine.unbind(previous);
        }
    }

    /**
     * As {@link #call(Callable)} for a body that throws no checked exception.
     *
     * @param body what to run
     * @param <T> the result type
     * @return what {@code body} returns
     */
    public <T> T get(Supplier<T> body) {
        Object previous = org.convscope.internal.engine.Engine.bind(this);
        try {
            return body.get();
        } finally {
            org.convscope.internal.engine.Engine.unbind(previous);
        }
    }

    /**
     * As {@link #call(Callable)} for a body with no result.
     *
     * @param body what to run
     */
    public void run(Runnable body) {
        Object previous = org.convscope.internal.engine.Engine.bind(this);
        try {
            body.run();
        } finally {
            org.convscope.internal.engine.Engine.unbind(previous);
        }
    }

    /**
     * The settings as {@code name=value} pairs in the property vocabulary, for the engine's log line.
     *
     * @return for example {@code vector=auto threads=2 spinMicros=200 winograd=auto ...}
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("vector=" + vector.word);
        parts.add("threads=" + (threads == 0 ? "auto(" + threads() + ")" : threads));
        parts.add("spinMicros=" + spinMicros);
        parts.add("winograd=" + winograd.word);
        parts.add("winograd.tile=" + winogradTile.word);
        parts.add("direct=" + direct.word);
        parts.add("l2KiB=" + (l2KiB == 0 ? "auto" : l2KiB));
        parts.add("fuse=" + (fuse ? "on" : "off"));
        parts.add("arena=" + (arena ? "on" : "off"));
        parts.add("arena.maxMiB=" + (arenaMaxMiB == 0 ? "auto" : arenaMaxMiB));
        if (arenaPoison) parts.add("arena.poison=on");
        parts.add("batchSplit=" + batchSplit.word);
        return String.join(" ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EngineConfig c && c.vector == vector && c.threads == threads && c.spinMicros == spinMicros
                && c.winograd == winograd && c.winogradTile == winogradTile && c.direct == direct && c.l2KiB == l2KiB
                && c.fuse == fuse && c.arena == arena && c.arenaMaxMiB == arenaMaxMiB && c.batchSplit == batchSplit
                && c.arenaPoison == arenaPoison;
    }

    @Override
    public int hashCode() {
        return Objects.hash(vector, threads, spinMicros, winograd, winogradTile, direct, l2KiB, fuse, arena, arenaMaxMiB,
                batchSplit, arenaPoison);
    }

    @Override
    public String toString() { return "EngineConfig[" + describe() + "]"; }
}
