package org.convscope.explain;

import java.util.Locale;

/**
 * Number formats for explanations: thousands separators, SI prefixes, binary byte sizes. All use
 * {@link Locale#ROOT}, so the text is the same on every machine.
 */
public final class Numbers {
    private Numbers() {}

    /**
     * {@return the count with thousands separators, "12,345"}
     *
     * @param n any count
     */
    public static String count(long n) { return String.format(Locale.ROOT, "%,d", n); }

    /**
     * {@return the value with an SI prefix and three significant digits, "554 K", "13.1 G"} Values
     * below 1000 have no prefix: whole numbers print as they are ("0", "42"), others with three
     * significant digits.
     *
     * @param v any value, for example a FLOP count
     */
    public static String si(double v) {
        double a = Math.abs(v);
        if (a < 1e3) return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
        String[] units = {"K", "M", "G", "T", "P"};
        int u = -1;
        while (a >= 999.5 && u < units.length - 1) {
            a /= 1000;
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f %s" : a >= 10 ? "%.1f %s" : "%.2f %s", v, units[u]);
    }

    /**
     * {@return a byte size in binary units with three significant digits, "33.8 KiB", "1.50 MiB"}
     * Sizes below 1024 are plain bytes, "512 B".
     *
     * @param b a size in bytes, &gt;= 0
     */
    public static String bytes(long b) {
        if (b < 1024) return b + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v, units[u]);
    }

    /**
     * {@return a shape without its batch axis, "64x64x1", with "?" for an unknown (negative)
     * dimension, or "scalar" when only the batch axis is there}
     *
     * @param s a shape, batch first
     */
    public static String shape(int[] s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length; i++) {
            if (i > 1) sb.append('x');
            sb.append(s[i] < 0 ? "?" : Integer.toString(s[i]));
        }
        return sb.isEmpty() ? "scalar" : sb.toString();
    }

    /** "1 channel" / "3 channels". */
    static String plural(long n, String one) { return count(n) + " " + one + (n == 1 ? "" : "s"); }
}
