package org.convscope.grad;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.convscope.layers.Layer;
import org.convscope.tensor.Tensor;

/**
 * Gradient checking the way autograd frameworks test theirs: the analytic input gradient of
 * J(x) = Σ w·layer(x) (w a random cotangent) against central finite differences
 * (J(x + h·eᵢ) − J(x − h·eᵢ)) / 2h taken on the layer's double-precision oracle.
 *
 * <p>Kinks (ReLU at 0, ties in a max): a difference that straddles one is not a derivative. Each
 * difference is taken with h and h/2; where the two disagree the point sits on a kink and is skipped
 * (and counted). The error measure is max|analytic − numeric| / max|numeric| over the checked entries.
 */
final class GradCheck {
    static final double H = 1e-5;
    static final double TOLERANCE = 1e-4;
    private static final int MAX_POINTS = 300;

    private GradCheck() {}

    /** A tensor of uniform(lo, hi) values. */
    static Tensor uniform(Random r, float lo, float hi, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = lo + (hi - lo) * r.nextFloat();
        return t;
    }

    /** Checks one single-input layer. Returns the relative error. */
    static double check(String what, Layer layer, Tensor x, long seed) {
        return check(what, layer, List.of(x), seed);
    }

    static double check(String what, Layer layer, List<Tensor> inputs, long seed) {
        Random r = new Random(seed);
        Tensor y = layer.forward(inputs);
        List<DTensor> din = new ArrayList<>();
        for (Tensor t : inputs) din.add(DTensor.of(t));
        DTensor yd = DoubleOracle.forward(layer, din);
        // 1. The oracle must compute what the layer computes.
        double maxRef = 1e-30, maxErr = 0;
        int worst = -1;
        if (yd.size() != y.size()) fail(what + ": oracle output size " + yd.size() + " vs layer " + y.size());
        for (int i = 0; i < y.size(); i++) {
            maxRef = Math.max(maxRef, Math.abs(yd.data()[i]));
            double e = Math.abs(yd.data()[i] - y.data()[i]);
            if (e > maxErr) { maxErr = e; worst = i; }
        }
        if (maxErr > 2e-5 * Math.max(1, maxRef)) {
            fail(what + ": the double oracle disagrees with the layer's forward: max|err| " + maxErr + " at " + worst
                    + " (oracle " + yd.data()[worst] + ", layer " + y.data()[worst] + ")");
        }
        // 2. Analytic gradient for a random cotangent w.
        Tensor w = Tensor.zeros(y.shape());
        for (int i = 0; i < w.size(); i++) w.data()[i] = (float) r.nextGaussian();
        List<Tensor> analytic = LayerGradients.of(layer).backward(layer, inputs, y, w);
        // 3. Central differences in double.
        double worstRel = 0;
        int checked = 0, kinks = 0;
        for (int k = 0; k < inputs.size(); k++) {
            DTensor xk = din.get(k);
            int n = xk.size();
            int[] idx = pick(r, n);
            double maxNum = 1e-30, maxDiff = 0;
            String firstBad = null;
            for (int i : idx) {
                double n1 = central(layer, din, k, i, H, w), n2 = central(layer, din, k, i, H / 2, w);
                if (Math.abs(n1 - n2) > 1e-7 * Math.max(1, Math.abs(n1))) { kinks++; continue; }
                double a = analytic.get(k).data()[i];
                maxNum = Math.max(maxNum, Math.abs(n1));
                double d = Math.abs(a - n1);
                if (d > maxDiff) {
                    maxDiff = d;
                    firstBad = "input " + k + " index " + i + ": analytic " + a + ", numeric " + n1;
                }
                checked++;
            }
            double rel = maxDiff / maxNum;
            worstRel = Math.max(worstRel, rel);
            if (rel > TOLERANCE) {
                fail(what + ": relative error " + rel + " > " + TOLERANCE + "; worst " + firstBad + " (max|numeric| " + maxNum + ")");
            }
        }
        System.out.printf("gradcheck %-60s %5d entries, %d at kinks skipped, rel err %.2e%n", what, checked, kinks, worstRel);
        assertTrue(checked > 0, what + ": nothing checked");
        return worstRel;
    }

    private static int[] pick(Random r, int n) {
        if (n <= MAX_POINTS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] some = new int[MAX_POINTS];
        for (int i = 0; i < MAX_POINTS; i++) some[i] = r.nextInt(n);
        return some;
    }

    private static double central(Layer layer, List<DTensor> din, int k, int i, double h, Tensor w) {
        DTensor x = din.get(k);
        double orig = x.data()[i];
        x.data()[i] = orig + h;
        double plus = dot(w, DoubleOracle.forward(layer, din));
        x.data()[i] = orig - h;
        double minus = dot(w, DoubleOracle.forward(layer, din));
        x.data()[i] = orig;
        return (plus - minus) / (2 * h);
    }

    static double dot(Tensor w, DTensor y) {
        double s = 0;
        for (int i = 0; i < y.size(); i++) s += w.data()[i] * y.data()[i];
        return s;
    }
}
