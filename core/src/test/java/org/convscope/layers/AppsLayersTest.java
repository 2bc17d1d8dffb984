package org.convscope.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.convscope.activation.ScalarArithmetic;
import org.convscope.activation.UnaryMath;
import org.convscope.image.Interpolation;
import org.convscope.reference.ReferenceNormalization;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The layers and op nodes of Keras applications against the reference ops (plain loops in double)
 * and hand-computed values.
 */
class AppsLayersTest {
    private static Tensor random(long seed, float lo, float hi, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return Tensor.of(v, shape);
    }

    private static double[] d(float[] f) {
        if (f == null) return null;
        double[] r = new double[f.length];
        for (int i = 0; i < f.length; i++) r[i] = f[i];
        return r;
    }

    private static void assertNear(double[] ref, Tensor got, double rel, String what) {
        double max = 0, err = 0;
        for (int i = 0; i < ref.length; i++) {
            max = Math.max(max, Math.abs(ref[i]));
            err = Math.max(err, Math.abs(ref[i] - got.data()[i]));
        }
        assertTrue(max > 0 && err <= rel * max, what + ": max|err| " + err + " vs max|ref| " + max);
    }

    @Test
    void normalizationMatchesTheReferenceOnAnyAxes() {
        int[] shape = {2, 5, 4, 3};
        Tensor x = random(1, -100, 300, shape);
        int[][] axes = {{3}, {1, 3}, {}, {2}};
        for (int[] keep : axes) {
            int[] sizes = new int[keep.length];
            for (int i = 0; i < keep.length; i++) sizes[i] = shape[keep[i]];
            Tensor mean = random(2, 90, 130, sizes), var = random(3, 1000, 4000, sizes);
            for (boolean invert : new boolean[] {false, true}) {
                Normalization n = new Normalization("norm", 4, keep, mean, var, invert, null);
                Tensor y = n.forward(x);
                assertNear(ReferenceNormalization.normalization(d(x.data()), shape, keep, d(mean.data()), d(var.data()), invert), y, 1e-6,
                        "axes " + java.util.Arrays.toString(keep) + " invert " + invert);
            }
        }
        // by hand: (10 − 4)/√9 = 2; the variance floor: max(√0, 1e-7)
        Normalization n = new Normalization("n", 2, new int[] {1}, Tensor.of(new float[] {4, 0}, 2), Tensor.of(new float[] {9, 0}, 2), false, Tensor.of(new float[] {5}));
        assertArrayEquals(new float[] {2f, 3e-7f / 1e-7f}, n.forward(Tensor.of(new float[] {10, 3e-7f}, 1, 2)).data(), 1e-6f);
        assertEquals(3, n.weights().size(), "mean, variance, count");
        assertThrows(IllegalArgumentException.class, () -> n.outputShape(new int[] {-1, 3}), "3 channels vs 2 statistics");
    }

    @Test
    void layerNormalizationMatchesTheReference() {
        int[] shape = {2, 3, 4, 5};
        Tensor x = random(4, -3, 5, shape);
        int[][] axes = {{3}, {1, 2}, {1, 3}, {1, 2, 3}};
        for (int[] a : axes) {
            int[] sizes = new int[a.length];
            int n = 1;
            for (int i = 0; i < a.length; i++) n *= sizes[i] = shape[a[i]];
            Tensor gamma = random(5, 0.5f, 2, n), beta = random(6, -1, 1, n);
            for (int variant = 0; variant < 3; variant++) {
                boolean rms = variant == 2;
                Tensor g = variant == 1 ? null : gamma, b = variant == 0 ? beta : null;
                LayerNormalization ln = new LayerNormalization("ln", 4, a, sizes, 1e-3f, g, b, rms);
                assertNear(ReferenceNormalization.layerNormalization(d(x.data()), shape, a, 1e-3, g == null ? null : d(g.data()),
                        b == null ? null : d(b.data()), rms), ln.forward(x), 2e-6, "axes " + java.util.Arrays.toString(a) + " variant " + variant);
            }
        }
        // by hand: [1, 3] → mean 2, var 1: ±1/√(1 + ε)
        LayerNormalization ln = new LayerNormalization("ln", 2, new int[] {1}, new int[] {2}, 0f, null, null, false);
        assertArrayEquals(new float[] {-1, 1}, ln.forward(Tensor.of(new float[] {1, 3}, 1, 2)).data(), 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> new LayerNormalization("bad", 3, new int[] {0}, new int[] {2}, 0f, null, null, false));
    }

    @Test
    void layerScaleResizingAndCenterCrop() {
        LayerScale ls = new LayerScale("ls", Tensor.of(new float[] {0.5f, 2f}, 2));
        assertArrayEquals(new float[] {0.5f, 4f, 1.5f, 8f}, ls.forward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2)).data());
        // bilinear 1x2 → 1x4 with half-pixel centres: x = (o + 0.5)/2 − 0.5 → -0.25, 0.25, 0.75, 1.25 (clamped)
        Resizing up = new Resizing("up", 1, 4, Interpolation.BILINEAR);
        assertArrayEquals(new float[] {0, 2.5f, 7.5f, 10}, up.forward(Tensor.of(new float[] {0, 10}, 1, 1, 2, 1)).data(), 1e-6f);
        assertArrayEquals(new int[] {-1, 8, 9, 3}, new Resizing("r", 8, 9, Interpolation.NEAREST).outputShape(new int[] {-1, 3, 4, 3}));
        CenterCrop cc = new CenterCrop("cc", 2, 1);
        // a 1x5x3x1 image 0..14: rows 1..2 ((5 − 2)/2 = 1), column 1
        Tensor img = Tensor.arange(1, 5, 3, 1);
        assertArrayEquals(new float[] {4, 7}, cc.forward(img).data());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CenterCrop("big", 6, 1).outputShape(new int[] {-1, 5, 3, 1}));
        assertTrue(e.getMessage().contains("smaller than") && e.getMessage().contains("'big'"), e.getMessage());
    }

    @Test
    void opNodesByHand() {
        Tensor x = Tensor.of(new float[] {-4, -1, 0.5f, 7}, 1, 4);
        record Case(ScalarArithmetic.Op op, boolean first, float[] want) { }
        for (Case c : List.of(
                new Case(ScalarArithmetic.Op.ADD, false, new float[] {-1, 2, 3.5f, 10}),
                new Case(ScalarArithmetic.Op.SUBTRACT, false, new float[] {-7, -4, -2.5f, 4}),
                new Case(ScalarArithmetic.Op.SUBTRACT, true, new float[] {7, 4, 2.5f, -4}),
                new Case(ScalarArithmetic.Op.MULTIPLY, true, new float[] {-12, -3, 1.5f, 21}),
                new Case(ScalarArithmetic.Op.DIVIDE, false, new float[] {-4f / 3, -1f / 3, 0.5f / 3, 7f / 3}),
                new Case(ScalarArithmetic.Op.DIVIDE, true, new float[] {-0.75f, -3, 6, 3f / 7}),
                new Case(ScalarArithmetic.Op.MAXIMUM, false, new float[] {3, 3, 3, 7}))) {
            OpLayer l = new OpLayer("op", c.op().name(), "keras.src.ops.numpy", new ScalarArithmetic(c.op(), 3f, c.first()));
            assertArrayEquals(c.want(), l.forward(x).data(), c.op() + (c.first() ? " c ⊕ x" : " x ⊕ c"));
        }
        assertArrayEquals(new float[] {-1, -1, 0.5f, 1}, new OpLayer("clip", "Clip", null, UnaryMath.clip(-1, 1)).forward(x).data());
        // NumPy broadcasting: (1, 2, 3) − (3,) aligns the last axes (the merge layers would put the 3 after the batch axis)
        BinaryOp sub = new BinaryOp("s", "Subtract", ScalarArithmetic.Op.SUBTRACT);
        Tensor a = Tensor.arange(1, 2, 3);
        Tensor y = sub.forward(List.of(a, Tensor.of(new float[] {1, 2, 3}, 3)));
        assertArrayEquals(new int[] {1, 2, 3}, y.shape());
        assertArrayEquals(new float[] {-1, -1, -1, 2, 2, 2}, y.data());
        assertArrayEquals(new int[] {-1, 16, 16, 8}, sub.outputShape(List.of(new int[] {-1, 16, 16, 8}, new int[] {-1, 16, 16, 1})));
        // reductions
        Tensor t = Tensor.arange(2, 2, 3);                       // [[0 1 2][3 4 5]], [[6 7 8][9 10 11]]
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f, 7.5f, 8.5f, 9.5f},
                new Reduce("m", "Mean", Reduce.Kind.MEAN, new int[] {1}, false, null).forward(t).data());
        Tensor mx = new Reduce("x", "Max", Reduce.Kind.MAX, new int[] {-1}, true, null).forward(t);
        assertArrayEquals(new int[] {2, 2, 1}, mx.shape());
        assertArrayEquals(new float[] {2, 5, 8, 11}, mx.data());
        assertArrayEquals(new float[] {4, 5, 8, 11}, new Reduce("x", "Max", Reduce.Kind.MAX, new int[] {-1}, true, 4f).forward(t).data(),
                "initial takes part in the max");
        assertArrayEquals(new float[] {66}, new Reduce("s", "Sum", Reduce.Kind.SUM, null, false, null).forward(t).data());
        // transpose, reshape, squeeze, expand_dims
        Tensor tr = new Transpose("t", new int[] {0, 2, 1}).forward(t);
        assertArrayEquals(new int[] {2, 3, 2}, tr.shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11}, tr.data());
        assertArrayEquals(new int[] {-1, 64, 16}, new OpReshape("r", OpReshape.Kind.RESHAPE, new int[] {-1, 64, 16}).outputShape(new int[] {-1, 8, 8, 16}));
        assertArrayEquals(new int[] {2, 6}, new OpReshape("r", OpReshape.Kind.RESHAPE, new int[] {-1, 6}).forward(t).shape());
        assertArrayEquals(new int[] {-1, 8}, new OpReshape("q", OpReshape.Kind.SQUEEZE, new int[] {1, 2}).outputShape(new int[] {-1, 1, 1, 8}));
        assertArrayEquals(new int[] {-1, 1, 1, 8}, new OpReshape("e", OpReshape.Kind.EXPAND_DIMS, new int[] {1}).outputShape(new int[] {-1, 1, 8}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OpReshape("q", OpReshape.Kind.SQUEEZE, new int[] {1}).outputShape(new int[] {-1, 2, 8}));
        assertTrue(e.getMessage().contains("Squeeze 'q'"), e.getMessage());
    }
}
