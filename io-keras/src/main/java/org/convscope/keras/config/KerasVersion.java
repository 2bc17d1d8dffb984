package org.convscope.keras.config;

/**
 * The Keras version that wrote a file ("2.1.3", "3.15.1"), as read from its {@code keras_version}
 * attribute or {@code metadata.json}; when absent it is guessed from the config format.
 */
public record KerasVersion(String text, int major) {
    /** Parses the leading major number; unknown text gives major 0. */
    public static KerasVersion of(String text) {
        int major = 0;
        if (text != null) {
            String t = text.trim();
            int i = 0;
            while (i < t.length() && Character.isDigit(t.charAt(i))) i++;
            if (i > 0 && i < 6) major = Integer.parseInt(t.substring(0, i));
        }
        return new KerasVersion(text, major);
    }

    /** True for Keras 3 and later. */
    public boolean isKeras3() { return major >= 3; }

    @Override public String toString() { return text == null ? "unknown" : text; }
}
