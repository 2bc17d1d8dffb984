package org.convscope.viz.color;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A 256-entry colormap: a value in [0, 1] becomes a packed {@code 0xRRGGBB} colour.
 *
 * <p>Lookup follows matplotlib's {@code ListedColormap}: entry {@code floor(x · 256)}, clipped to
 * [0, 255] (so 1.0 is the last entry); NaN maps to entry 0. Float table values become bytes by
 * rounding {@code v · 255}.
 *
 * <p>viridis (the default), magma, inferno and plasma are matplotlib's published tables (CC0, see
 * {@code colormaps/LICENSE-colormaps.txt}); {@code gray} is the linear ramp; {@code diverging} is
 * convscope's own blue → light gray → red blend for signed data centred on 0 (kernels).
 */
public final class Colormap {
    /** The names {@link #named} accepts. */
    public static final List<String> NAMES = List.of("viridis", "magma", "inferno", "plasma", "gray", "diverging");

    private static final Map<String, Colormap> CACHE = new ConcurrentHashMap<>();

    private final String name;
    private final int[] rgb; // 256 packed colours

    private Colormap(String name, int[] rgb) {
        this.name = name;
        this.rgb = rgb;
    }

    /** {@return viridis, the default map for feature maps} */
    public static Colormap viridis() { return named("viridis"); }

    /**
     * {@return the colormap of that name} Maps are built once and shared (they are immutable).
     *
     * @param name one of {@link #NAMES}, case-insensitive; "grey" is accepted for "gray"
     * @throws IllegalArgumentException for another name (or null); the message lists the names
     * @throws IllegalStateException if a bundled table is missing or damaged
     */
    public static Colormap named(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (key.equals("grey")) key = "gray";
        if (!NAMES.contains(key)) {
            throw new IllegalArgumentException("unknown colormap '" + name + "'; choose one of " + String.join(", ", NAMES));
        }
        return CACHE.computeIfAbsent(key, Colormap::create);
    }

    private static Colormap create(String key) {
        return switch (key) {
            case "gray" -> ramp(key, new float[][]{{0, 0, 0}, {1, 1, 1}});
            // blue (negative) -> light gray (0) -> red (positive); both ends dark enough for white labels
            case "diverging" -> ramp(key, new float[][]{{0.05f, 0.19f, 0.50f}, {0.96f, 0.96f, 0.96f}, {0.58f, 0.04f, 0.10f}});
            default -> new Colormap(key, readTable(key));
        };
    }

    /** Piecewise-linear blend through equally spaced colour stops. */
    private static Colormap ramp(String name, float[][] stops) {
        int[] rgb = new int[256];
        int segments = stops.length - 1;
        for (int i = 0; i < 256; i++) {
            float x = i / 255f * segments;
            int s = Math.min((int) x, segments - 1);
            float t = x - s;
            float[] a = stops[s], b = stops[s + 1];
            rgb[i] = pack(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t);
        }
        return new Colormap(name, rgb);
    }

    private static int[] readTable(String key) {
        String res = "/org/convscope/viz/colormaps/" + key + ".txt";
        try (InputStream in = Colormap.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("colormap table " + res + " is missing from the class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            int[] rgb = new int[256];
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\\s+");
                if (n == 256 || f.length != 3) throw new IllegalStateException(res + ": bad line '" + line + "'");
                rgb[n++] = pack(Float.parseFloat(f[0]), Float.parseFloat(f[1]), Float.parseFloat(f[2]));
            }
            if (n != 256) throw new IllegalStateException(res + ": " + n + " entries, expected 256");
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read colormap table " + res, e);
        }
    }

    private static int pack(float r, float g, float b) {
        return (toByte(r) << 16) | (toByte(g) << 8) | toByte(b);
    }

    private static int toByte(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }

    /** {@return the map's name, lower case, as in {@link #NAMES}} */
    public String name() { return name; }

    /**
     * {@return the colour of one table entry as {@code 0xRRGGBB}}
     *
     * @param i the entry, 0..255
     * @throws ArrayIndexOutOfBoundsException outside 0..255
     */
    public int entry(int i) { return rgb[i]; }

    /**
     * {@return the colour for a value, entry {@code floor(x·256)} clipped to 0..255, as {@code 0xRRGGBB}}
     *
     * @param x a value in [0, 1]; smaller values and NaN give the first entry, larger ones the last
     */
    public int color(float x) {
        if (!(x > 0)) return rgb[0];
        return rgb[Math.min(255, (int) (x * 256f))];
    }

    /**
     * Relative luminance (0 = black, 1 = white) of a packed colour, with the sRGB weights
     * 0.2126, 0.7152, 0.0722 on the linearised channels. Used to flip label colours on dark cells.
     *
     * @param rgb a colour, {@code 0xRRGGBB} (higher bits ignored)
     * @return the luminance in [0, 1]
     */
    public static double luminance(int rgb) {
        return 0.2126 * linear((rgb >> 16) & 0xff) + 0.7152 * linear((rgb >> 8) & 0xff) + 0.0722 * linear(rgb & 0xff);
    }

    private static double linear(int c) {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /**
     * {@return a readable label colour on a background: black ({@code 0x000000}) on light colours,
     * white ({@code 0xFFFFFF}) on dark ones (threshold: luminance 0.18, mid-gray)}
     *
     * @param rgb the background colour, {@code 0xRRGGBB}
     */
    public static int labelColorOn(int rgb) {
        return luminance(rgb) > 0.18 ? 0x000000 : 0xFFFFFF;
    }

    @Override public String toString() { return "Colormap " + name; }
}
