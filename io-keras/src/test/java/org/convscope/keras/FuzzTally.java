package org.convscope.keras;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts outcomes per mutation kind × format × mode and renders them as a Markdown table. */
final class FuzzTally {
    private final Map<String, EnumMap<FuzzOutcome, Integer>> rows = new TreeMap<>();
    private final EnumMap<FuzzOutcome, Integer> total = new EnumMap<>(FuzzOutcome.class);
    private int attempts;

    void add(FuzzCase c, FuzzRunner.Mode mode, FuzzOutcome o) {
        String key = String.format("%02d|%s|%s|%s", c.kind().ordinal(), c.kind(), c.target().format().label,
                mode == FuzzRunner.Mode.BY_PATH ? "by path" : "in memory");
        rows.computeIfAbsent(key, k -> new EnumMap<>(FuzzOutcome.class)).merge(o, 1, Integer::sum);
        total.merge(o, 1, Integer::sum);
        attempts++;
    }

    int count(FuzzOutcome o) { return total.getOrDefault(o, 0); }

    int attempts() { return attempts; }

    /** Number of (kind, format) pairs seen. */
    int pairs() {
        return (int) rows.keySet().stream().map(k -> k.substring(0, k.lastIndexOf('|'))).distinct().count();
    }

    String markdown() {
        List<FuzzOutcome> cols = new ArrayList<>();
        for (FuzzOutcome o : FuzzOutcome.values()) if (!o.failed() || count(o) > 0) cols.add(o);
        StringBuilder sb = new StringBuilder("| kind | format | opened | cases |");
        for (FuzzOutcome o : cols) sb.append(' ').append(o.label).append(" |");
        sb.append("\n|---|---|---|---:|");
        sb.append("---:|".repeat(cols.size())).append('\n');
        for (var e : rows.entrySet()) {
            String[] k = e.getKey().split("\\|");
            int n = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            sb.append("| ").append(k[1]).append(" | ").append(k[2]).append(" | ").append(k[3]).append(" | ").append(n).append(" |");
            for (FuzzOutcome o : cols) sb.append(' ').append(e.getValue().getOrDefault(o, 0)).append(" |");
            sb.append('\n');
        }
        sb.append("| **all** | | | ").append(attempts).append(" |");
        for (FuzzOutcome o : cols) sb.append(" **").append(count(o)).append("** |");
        return sb.append('\n').toString();
    }
}
