package org.convscope.viz.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "Did you mean ...": the closest names to a mistyped one (edit distance, case ignored). */
final class Names {
    private Names() {}

    /**
     * {@return the names within a small edit distance of {@code given} (at most three, closest
     * first), or an empty list}
     *
     * @param given what the user typed
     * @param names the names that exist
     */
    static List<String> closest(String given, Collection<String> names) {
        String g = given.toLowerCase(Locale.ROOT);
        int limit = g.length() <= 3 ? 1 : Math.max(2, Math.min(3, g.length() / 3));   // 'torhc' -> 'torch' is 2 edits
        List<String> out = new ArrayList<>();
        for (int d = 0; d <= limit && out.size() < 3; d++) {
            for (String n : names) {
                if (out.size() < 3 && !out.contains(n) && distance(g, n.toLowerCase(Locale.ROOT)) == d) out.add(n);
            }
        }
        return out;
    }

    /** {@return "; did you mean 'x'?" for the closest names, or "" when none is close} */
    static String suggest(String given, Collection<String> names) {
        List<String> c = closest(given, names);
        if (c.isEmpty()) return "";
        return "; did you mean " + String.join(" or ", c.stream().map(n -> "'" + n + "'").toList()) + "?";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
