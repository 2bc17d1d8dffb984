package org.convscope.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/** Assertions that print the first mismatching value and the maximum error. */
final class Expect {
    private Expect() {}

    static void close(String what, int[] shape, float[] want, Tensor got, float tol) {
        assertArrayEquals(shape, got.shape(), what + ": shape " + Shapes.toString(got.shape()) + ", want " + Shapes.toString(shape));
        float[] g = got.data();
        if (g.length != want.length) fail(what + ": " + g.length + " values, want " + want.length);
        int first = -1;
        float max = 0;
        for (int i = 0; i < g.length; i++) {
            float e = Math.abs(g[i] - want[i]);
            if (!(e <= tol) && !(g[i] == want[i])) {
                if (first < 0) first = i;
                max = Float.isNaN(e) ? Float.NaN : Math.max(max, e);
            }
        }
        if (first >= 0) {
            fail(what + ": first mismatch at flat index " + first + ": got " + g[first] + ", want " + want[first]
                    + "; max error " + max);
        }
    }

    static void exact(String what, int[] shape, float[] want, Tensor got) { close(what, shape, want, got, 0f); }

    static int[] s(int... d) { return d; }

    static float[] f(float... v) { return v; }
}
