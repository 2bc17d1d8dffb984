package org.convscope.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Compares convscope's per-layer outputs with a fixture's Keras references:
 * max|err| <= 1e-5 * max|ref| per layer. Collects every failure with the first mismatching values.
 */
final class LayerComparison {
    static final double TOLERANCE = 1e-5;

    double worst = 0;
    String worstLayer = "-";
    int layers = 0;
    final List<String> failures = new ArrayList<>();

    /** Compares a full output. */
    void full(String layer, Tensor got, Tensor ref) {
        layers++;
        if (got == null) {
            failures.add(layer + ": convscope has no output for it");
            return;
        }
        if (!java.util.Arrays.equals(got.shape(), ref.shape())) {
            failures.add(layer + ": shape " + Shapes.toString(got.shape()) + " but Keras " + Shapes.toString(ref.shape()));
            return;
        }
        float[] g = got.data();
        float[] r = ref.data();
        double maxRef = 0;
        double maxErr = 0;
        int at = -1;
        for (int i = 0; i < r.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(r[i]));
            double e = Math.abs((double) g[i] - r[i]);
            if (!(e <= maxErr)) { // also catches NaN
                maxErr = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
                at = i;
            }
        }
        record(layer, maxErr, maxRef, at, at < 0 ? 0 : g[at], at < 0 ? 0 : r[at], firstMismatches(g, r, maxRef));
    }

    /** Compares values at flat indices (convnet_512's big layers). */
    void samples(String layer, Tensor got, IoReference.Samples s, double maxAbsRef) {
        layers++;
        if (got == null) {
            failures.add(layer + ": convscope has no output for it");
            return;
        }
        if (!java.util.Arrays.equals(got.shape(), s.shape())) {
            failures.add(layer + ": shape " + Shapes.toString(got.shape()) + " but Keras " + Shapes.toString(s.shape()));
            return;
        }
        double maxErr = 0;
        int at = -1;
        for (int i = 0; i < s.indices().length; i++) {
            double e = Math.abs((double) got.data()[(int) s.indices()[i]] - s.values()[i]);
            if (!(e <= maxErr)) {
                maxErr = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
                at = i;
            }
        }
        record(layer, maxErr, maxAbsRef, at, at < 0 ? 0 : got.data()[(int) s.indices()[at]], at < 0 ? 0 : s.values()[at], "");
    }

    /**
     * The whole tensor against a sampled layer's stored sum and sum of absolute values (float64
     * over the full tensor): |sum − Keras's sum| must stay within 1e-5 of Keras's abs_sum, so a
     * difference outside the 4096 sampled positions shows too.
     */
    void sampleSums(String layer, Tensor got, double sum, double absSum) {
        if (got == null) return;
        double s = 0, a = 0;
        for (float v : got.data()) {
            s += v;
            a += Math.abs(v);
        }
        double err = Math.abs(s - sum), errAbs = Math.abs(a - absSum);
        if (!(err <= TOLERANCE * absSum) || !(errAbs <= TOLERANCE * absSum)) {
            failures.add(String.format("%s: sum %.9g vs Keras %.9g, abs_sum %.9g vs Keras %.9g (allowed %.3g)", layer, s, sum, a, absSum,
                    TOLERANCE * absSum));
        }
    }

    private void record(String layer, double maxErr, double maxRef, int at, float g, float r, String more) {
        double rel = maxRef == 0 ? maxErr : maxErr / maxRef;
        if (rel > worst || worstLayer.equals("-")) {
            worst = Math.max(worst, rel);
            if (rel >= worst) worstLayer = layer;
        }
        if (!(maxErr <= TOLERANCE * maxRef)) {
            failures.add(String.format("%s: max|err| %.3g > 1e-5 * max|ref| %.3g (rel %.3g) at flat %d: got %s, Keras %s%s",
                    layer, maxErr, maxRef, rel, at, g, r, more));
        }
    }

    private static String firstMismatches(float[] g, float[] r, double maxRef) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < r.length && shown < 5; i++) {
            if (!(Math.abs(g[i] - r[i]) <= TOLERANCE * maxRef)) {
                sb.append(shown == 0 ? "; first mismatches: " : ", ").append('[').append(i).append("] ").append(g[i]).append(" vs ").append(r[i]);
                shown++;
            }
        }
        return sb.toString();
    }

    String report(String label) {
        return String.format("%-60s %3d layers, worst rel err %.2e (%s)", label, layers, worst, worstLayer);
    }

    static String describe(Map<String, ?> m) { return String.join(", ", m.keySet()); }
}
