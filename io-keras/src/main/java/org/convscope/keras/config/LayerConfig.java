package org.convscope.keras.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.convscope.keras.InvalidConfigException;

/**
 * Typed access to one layer's {@code config} object, with errors that name the file, the layer,
 * its class, the key and what was expected.
 */
public final class LayerConfig {
    private final String file;
    private final LayerSpec layer;
    private final JsonNode config;

    public LayerConfig(String file, LayerSpec layer) {
        this.file = file;
        this.layer = layer;
        this.config = layer.config();
    }

    /** The layer this config belongs to. */
    public LayerSpec layer() { return layer; }

    /** True when the key is present and not null. */
    public boolean has(String key) {
        JsonNode n = config.get(key);
        return n != null && !n.isNull();
    }

    /** The raw node (null when absent). */
    public JsonNode raw(String key) { return config.get(key); }

    /** An error naming the file, layer, class and key. */
    public InvalidConfigException error(String key, String expected, Object found) {
        return new InvalidConfigException(file + ": " + layer.describe() + ": config '" + key + "' should be " + expected
                + ", found " + found);
    }

    /** A required integer. */
    public int integer(String key) {
        JsonNode n = config.get(key);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) throw error(key, "an integer", n);
        return n.intValue();
    }

    /** An integer with a default. */
    public int integer(String key, int dflt) { return has(key) ? integer(key) : dflt; }

    /** A number with a default. */
    public double number(String key, double dflt) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isNumber()) throw error(key, "a number", n);
        return n.doubleValue();
    }

    /** A required number. */
    public double number(String key) {
        if (!has(key)) throw error(key, "a number", "nothing");
        return number(key, 0);
    }

    /** A boolean with a default. */
    public boolean bool(String key, boolean dflt) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isBoolean()) throw error(key, "true or false", n);
        return n.booleanValue();
    }

    /** A string with a default. */
    public String string(String key, String dflt) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isTextual()) throw error(key, "a string", n);
        return n.textValue();
    }

    /** An int or a list of ints, expanded to {@code count} values (Keras's "int or tuple" arguments). */
    public int[] ints(String key, int count) {
        JsonNode n = config.get(key);
        if (n != null && n.isIntegralNumber() && n.canConvertToInt()) {
            int[] r = new int[count];
            java.util.Arrays.fill(r, n.intValue());
            return r;
        }
        if (n == null || !n.isArray() || n.size() != count) throw error(key, "an integer or a list of " + count + " integers", n);
        int[] r = new int[count];
        for (int i = 0; i < count; i++) {
            JsonNode e = n.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt()) throw error(key, "a list of " + count + " integers", n);
            r[i] = e.intValue();
        }
        return r;
    }

    /** Like {@link #ints(String, int)} with a default when absent. */
    public int[] ints(String key, int count, int dflt) {
        if (!has(key)) {
            int[] r = new int[count];
            java.util.Arrays.fill(r, dflt);
            return r;
        }
        return ints(key, count);
    }

    /** A list of ints of any length, where null entries become -1 (Keras's None). */
    public int[] intList(String key) {
        JsonNode n = config.get(key);
        if (n == null || !n.isArray()) throw error(key, "a list of integers", n);
        int[] r = new int[n.size()];
        for (int i = 0; i < r.length; i++) {
            JsonNode e = n.get(i);
            if (e.isNull()) r[i] = -1;
            else if (e.isIntegralNumber() && e.canConvertToInt()) r[i] = e.intValue();
            else throw error(key, "a list of integers", n);
        }
        return r;
    }

    /** A numbers-or-list value (Rescaling's scale/offset) as floats. */
    public float[] floats(String key, float dflt) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) return new float[] {dflt};
        if (n.isNumber()) return new float[] {n.floatValue()};
        if (n.isArray()) {
            float[] r = new float[n.size()];
            for (int i = 0; i < r.length; i++) {
                if (!n.get(i).isNumber()) throw error(key, "a number or a list of numbers", n);
                r[i] = n.get(i).floatValue();
            }
            return r;
        }
        throw error(key, "a number or a list of numbers", n);
    }

    /**
     * The activation name: a string, or Keras 3's serialized form
     * {@code {"class_name": "function", "config": "relu", ...}}; null or absent = "linear".
     */
    public String activation(String key) {
        JsonNode n = config.get(key);
        if (n == null || n.isNull()) return "linear";
        if (n.isTextual()) return n.textValue();
        if (n.isObject()) {
            JsonNode c = n.get("config");
            if (c != null && c.isTextual()) return c.textValue();
        }
        throw error(key, "an activation name", n);
    }

    /** Refuses channels_first: convscope runs NHWC only. */
    public void requireChannelsLast() {
        String df = string("data_format", "channels_last");
        if (!df.equals("channels_last")) {
            throw new org.convscope.keras.UnsupportedLayerException(file + ": " + layer.describe() + " uses data_format='" + df
                    + "'; convscope runs channels_last (NHWC) models only. Re-save the model with data_format='channels_last'.");
        }
    }
}
