package org.convscope.keras.limits;

/**
 * The memory budgets of a load, all derived from the JVM's maximum heap ({@code -Xmx}) so that a
 * file too large for this JVM is refused <em>before</em> the work it would cause, with a
 * {@link org.convscope.keras.LoadLimitException} that says it is a memory limit (not a damaged file),
 * names the size and the heap, and what to do:
 * <ul>
 *   <li><b>file</b>: a model file (or an architecture file) may be at most a quarter of the maximum
 *       heap ({@link #fileBudget()}; 128 MiB on a 512 MiB heap) and less than 2 GiB (a Java array):
 *       a load holds the whole file, the weights it decodes from it and the engine's packed copies
 *       at the same time.</li>
 *   <li><b>config</b>: a model config (the {@code model_config} attribute, {@code config.json}, a
 *       {@code model.to_json()} file) and any other string attribute may be at most 1/32 of the
 *       maximum heap and never more than 16 MiB ({@link #configBudget()}; 16 MiB on a 512 MiB heap):
 *       decoding and parsing a JSON text takes 6 to 8 times its size. The largest real Keras
 *       configs are a few MiB.</li>
 *   <li><b>JSON</b>: one string value at most {@value #MAX_JSON_STRING} characters, a field name at
 *       most {@value #MAX_JSON_NAME}, a number at most {@value #MAX_JSON_NUMBER} digits, nesting at
 *       most {@value #MAX_JSON_DEPTH} deep, and at most one token per 8 bytes of the config budget
 *       ({@link #maxJsonTokens()}), enforced by Jackson while parsing.</li>
 * </ul>
 */
public final class LoadLimits {
    /** The largest config budget, whatever the heap. */
    public static final long MAX_CONFIG = 16L << 20;
    /** The smallest config budget, whatever the heap. */
    public static final long MIN_CONFIG = 1L << 20;
    /** The most characters of one JSON string value. */
    public static final int MAX_JSON_STRING = 1 << 20;
    /** The most characters of one JSON field name. */
    public static final int MAX_JSON_NAME = 64 << 10;
    /** The most digits of one JSON number. */
    public static final int MAX_JSON_NUMBER = 200;
    /** The deepest JSON nesting. */
    public static final int MAX_JSON_DEPTH = 400;
    /** Java's largest array, less a margin. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 64;

    private LoadLimits() {}

    /** {@return the JVM's maximum heap in bytes} */
    public static long maxHeap() { return Runtime.getRuntime().maxMemory(); }

    /** {@return the most bytes a model or architecture file may have: a quarter of the maximum heap, under 2 GiB} */
    public static long fileBudget() { return Math.min(MAX_ARRAY, maxHeap() / 4); }

    /** {@return the most bytes of a config text or string attribute: 1/32 of the maximum heap, 1 to 16 MiB} */
    public static long configBudget() { return Math.max(MIN_CONFIG, Math.min(MAX_CONFIG, maxHeap() / 32)); }

    /** {@return the most JSON tokens a config may hold (one per 8 bytes of the config budget)} */
    public static long maxJsonTokens() { return configBudget() / 8; }

    /** {@return a size for messages: "41,943,040 bytes (40.0 MiB)"} @param bytes a size in bytes */
    public static String size(long bytes) {
        return String.format(java.util.Locale.ROOT, "%,d bytes (%.1f MiB)", bytes, bytes / 1048576.0);
    }

    /** {@return the heap for messages: "512 MiB"} */
    public static String heap() { return (maxHeap() >> 20) + " MiB"; }

    /**
     * The end of a limit message: says it is a memory limit, not a damaged file.
     *
     * @param budget the budget that was exceeded
     * @param rule how the budget is derived
     * @return the text
     */
    public static String limitText(long budget, String rule) {
        return "over convscope's budget of " + size(budget) + " (" + rule + ", this JVM's maximum heap is " + heap()
                + "); this is a memory limit, not a damaged file";
    }

    /**
     * Refuses a config text (or string attribute) over {@link #configBudget()} before it is decoded.
     *
     * @param file names the file in the message
     * @param what what the text is ("the 'model_config' attribute")
     * @param bytes its declared size
     */
    public static void checkConfig(String file, String what, long bytes) {
        long budget = configBudget();
        if (bytes > budget) {
            throw new org.convscope.keras.LoadLimitException(file + ": " + what + " declares " + size(bytes) + ", "
                    + limitText(budget, "1/32 of the maximum heap, at most 16 MiB: parsing JSON takes 6 to 8 times its size")
                    + ". No Keras model has a config this large");
        }
    }
}
