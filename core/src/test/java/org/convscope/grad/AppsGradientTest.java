package org.convscope.grad;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.convscope.activation.ScalarArithmetic;
import org.convscope.activation.UnaryMath;
import org.convscope.graph.Graph;
import org.convscope.image.Interpolation;
import org.convscope.layers.BinaryOp;
import org.convscope.layers.CenterCrop;
import org.convscope.layers.LayerNormalization;
import org.convscope.layers.LayerScale;
import org.convscope.layers.Normalization;
import org.convscope.layers.OpLayer;
import org.convscope.layers.OpReshape;
import org.convscope.layers.Reduce;
import org.convscope.layers.Resizing;
import org.convscope.layers.Transpose;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Input gradients of the layers and op nodes that Keras applications use (Normalization,
 * LayerNormalization, LayerScale, CenterCrop, the op nodes) against double-precision central
 * differences, so that feature visualisation and saliency go through EfficientNet, ConvNeXt and
 * MobileNetV3; and the clear refusal where there is no gradient (Resizing).
 */
class AppsGradientTest {
    private static final Random R = new Random(19);

    private static Tensor u(float lo, float hi, int... shape) { return GradCheck.uniform(R, lo, hi, shape); }

    @Test
    void normalizationLayers() {
        GradCheck.check("Normalization(axis -1)", new Normalization("n", 4, new int[] {3}, u(-1, 1, 3), u(0.2f, 3f, 3), false, Tensor.of(new float[] {10})),
                u(-2, 2, 2, 3, 4, 3), 1);
        GradCheck.check("Normalization(axes 1, 3, invert)", new Normalization("n2", 4, new int[] {1, 3}, u(-1, 1, 3, 2), u(0.2f, 3f, 3, 2), true, null),
                u(-2, 2, 2, 3, 4, 2), 2);
        GradCheck.check("LayerNormalization(-1)", new LayerNormalization("ln", 4, new int[] {3}, new int[] {5}, 1e-3f, u(0.5f, 2, 5), u(-1, 1, 5), false),
                u(-2, 2, 2, 3, 4, 5), 3);
        GradCheck.check("LayerNormalization(1, 3), no beta", new LayerNormalization("ln2", 4, new int[] {1, 3}, new int[] {3, 4}, 1e-2f,
                u(0.5f, 2, 3, 4), null, false), u(-2, 2, 2, 3, 2, 4), 4);
        GradCheck.check("LayerNormalization rms_scaling", new LayerNormalization("ln3", 3, new int[] {2}, new int[] {6}, 1e-3f, u(0.5f, 2, 6), null, true),
                u(-2, 2, 2, 3, 6), 5);
        GradCheck.check("LayerScale", new LayerScale("ls", u(0.1f, 0.5f, 4)), u(-2, 2, 2, 3, 3, 4), 6);
        GradCheck.check("CenterCrop", new CenterCrop("cc", 3, 2), u(-2, 2, 2, 6, 5, 3), 7);
    }

    @Test
    void opNodes() {
        int seed = 10;
        for (ScalarArithmetic.Op op : ScalarArithmetic.Op.values()) {
            for (boolean first : new boolean[] {false, true}) {
                float c = op == ScalarArithmetic.Op.POWER ? (first ? 1.7f : 3f) : 0.75f;
                var layer = new OpLayer("op", op.name(), "keras.src.ops.numpy", new ScalarArithmetic(op, c, first));
                GradCheck.check("op " + layer.activation().name(), layer, u(0.5f, 2.5f, 2, 3, 4), seed++);
            }
        }
        for (UnaryMath.Function f : UnaryMath.Function.values()) {
            var a = f == UnaryMath.Function.CLIP ? UnaryMath.clip(-0.5f, 0.7f) : UnaryMath.of(f);
            float lo = f == UnaryMath.Function.SQRT || f == UnaryMath.Function.LOG || f == UnaryMath.Function.RECIPROCAL ? 0.5f : -2f;
            GradCheck.check("op " + a.name(), new OpLayer("op", "X", null, a), u(lo, 2f, 2, 3, 4), seed++);
        }
        GradCheck.check("mean(axis 1, 2, keepdims)", new Reduce("m", "Mean", Reduce.Kind.MEAN, new int[] {1, 2}, true, null), u(-2, 2, 2, 3, 4, 5), seed++);
        GradCheck.check("sum(axis -1)", new Reduce("s", "Sum", Reduce.Kind.SUM, new int[] {-1}, false, null), u(-2, 2, 2, 3, 4), seed++);
        GradCheck.check("max(axis -1, keepdims)", new Reduce("x", "Max", Reduce.Kind.MAX, new int[] {-1}, true, null), u(-2, 2, 2, 3, 4), seed++);
        GradCheck.check("transpose(0, 2, 1, 3)", new Transpose("t", new int[] {0, 2, 1, 3}), u(-2, 2, 2, 3, 4, 2), seed++);
        GradCheck.check("squeeze", new OpReshape("sq", OpReshape.Kind.SQUEEZE, new int[] {1, 2}), u(-2, 2, 2, 1, 1, 5), seed++);
        for (ScalarArithmetic.Op op : ScalarArithmetic.Op.values()) {
            BinaryOp b = new BinaryOp("b", op.name(), op);
            GradCheck.check("tensor " + op + " NumPy broadcast", b, List.of(u(0.5f, 2f, 2, 3, 4), u(0.5f, 2f, 4)), seed++);
            GradCheck.check("tensor " + op + " (…, 1) broadcast", b, List.of(u(0.5f, 2f, 2, 3, 1), u(0.5f, 2f, 2, 3, 4)), seed++);
        }
    }

    @Test
    void resizingHasNoGradientAndTheBackwardPassSaysSo() {
        Graph g = Graph.builder("m").input("x", -1, 4, 4, 2).then(new Resizing("resize", 8, 8, Interpolation.BILINEAR)).build();
        NoGradientException e = assertThrows(NoGradientException.class,
                () -> Backprop.compute(g, u(0, 1, 1, 4, 4, 2), Objectives.channelMean("resize", 0)));
        assertTrue(e.getMessage().contains("'resize'") && e.getMessage().contains("Resizing") && e.getMessage().contains("no input gradient"),
                e.getMessage());
    }
}
