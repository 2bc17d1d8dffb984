package org.convscope.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.convscope.activation.Activations;
import org.convscope.activation.KerasFlavor;
import org.convscope.geometry.Padding;
import org.convscope.graph.Graph;
import org.convscope.image.Interpolation;
import org.convscope.layers.*;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Input gradients of every non-convolution layer against double-precision central differences. */
class LayerGradientTest {
    private static final Random R = new Random(7);

    private static Tensor u(int... shape) { return GradCheck.uniform(R, -1, 1, shape); }

    private static Tensor u(float lo, float hi, int... shape) { return GradCheck.uniform(R, lo, hi, shape); }

    @Test
    void everyActivationAsLayerAndFusedIntoDense() {
        int n = 0;
        for (String name : Activations.NAMES) {
            for (KerasFlavor f : name.equals("hard_sigmoid") ? KerasFlavor.values() : new KerasFlavor[] {KerasFlavor.KERAS3}) {
                var a = Activations.get(name, f);
                GradCheck.check("Activation " + name + " " + f, new ActivationLayer("act", a), u(-3f, 3f, 2, 3, 4, 5), n);
                Dense dense = new Dense("dense_" + name, u(6, 5), u(5), a);
                GradCheck.check("Dense(5) + " + name + " " + f, dense, u(3, 6), n + 100);
                n++;
            }
        }
        assertTrue(n >= 21, "activations checked: " + n);
    }

    @Test
    void activationLayers() {
        GradCheck.check("ReLU(max 6, slope 0.1, threshold 0.5)", new ReLU("relu", 6f, 0.1f, 0.5f), u(-8f, 8f, 2, 4, 4, 3), 1);
        GradCheck.check("ReLU()", new ReLU("relu", null, 0f, 0f), u(2, 4, 4, 3), 2);
        GradCheck.check("LeakyReLU(0.3)", new LeakyReLU("lrelu", 0.3f), u(2, 4, 4, 3), 3);
        GradCheck.check("ELU(0.7)", new ELU("elu", 0.7f), u(-3f, 3f, 2, 4, 4, 3), 4);
        GradCheck.check("ThresholdedReLU(0.4)", new ThresholdedReLU("trelu", 0.4f), u(2, 4, 4, 3), 5);
        GradCheck.check("Softmax(axis -1)", new Softmax("sm", -1), u(-3f, 3f, 2, 3, 5), 6);
        GradCheck.check("Softmax(axis 1)", new Softmax("sm1", 1), u(-3f, 3f, 2, 3, 5), 7);
        GradCheck.check("PReLU(shared 1,2)", new PReLU("prelu", u(1, 1, 3), new int[] {1, 2}), u(2, 4, 5, 3), 8);
        GradCheck.check("PReLU(unshared)", new PReLU("prelu2", u(4, 5, 3), null), u(2, 4, 5, 3), 9);
    }

    @Test
    void denseAndBatchNormalization() {
        GradCheck.check("Dense on rank 3", new Dense("d3", u(4, 6), null, null), u(2, 3, 4), 10);
        GradCheck.check("Dense on rank 4 + relu", new Dense("d4", u(3, 5), u(5), Activations.get("relu")), u(2, 3, 4, 3), 11);
        GradCheck.check("BatchNormalization", new BatchNormalization("bn", -1, 1e-3f, u(4), u(4), u(4), u(0.2f, 2f, 4)), u(2, 3, 5, 4), 12);
        GradCheck.check("BatchNormalization (no gamma, axis 1, eps 1e-2)", new BatchNormalization("bn2", 1, 1e-2f, null, u(3), u(3), u(0.2f, 2f, 3)),
                u(2, 3, 5, 4), 13);
    }

    @Test
    void pooling() {
        int[][] sweep = {{2, 2, 2, 2}, {3, 3, 2, 2}, {3, 3, 1, 1}, {2, 3, 2, 1}, {2, 2, 1, 1}, {3, 2, 3, 3}};
        int n = 0;
        for (int[] c : sweep) {
            for (Padding p : Padding.values()) {
                int[] pool = {c[0], c[1]}, st = {c[2], c[3]};
                GradCheck.check("MaxPooling2D " + java.util.Arrays.toString(c) + " " + p, new MaxPooling2D("mp", pool, st, p), u(2, 7, 6, 3), 20 + n);
                GradCheck.check("AveragePooling2D " + java.util.Arrays.toString(c) + " " + p, new AveragePooling2D("ap", pool, st, p), u(2, 7, 6, 3), 40 + n);
                n++;
            }
        }
        for (boolean keep : new boolean[] {false, true}) {
            GradCheck.check("GlobalAveragePooling2D keepdims=" + keep, new GlobalAveragePooling2D("gap", keep), u(2, 4, 5, 3), 60);
            GradCheck.check("GlobalMaxPooling2D keepdims=" + keep, new GlobalMaxPooling2D("gmp", keep), u(2, 4, 5, 3), 61);
        }
    }

    @Test
    void reshapingLayers() {
        GradCheck.check("Flatten", new Flatten("flat"), u(2, 3, 4, 2), 70);
        GradCheck.check("Reshape(4,-1)", new Reshape("rs", new int[] {4, -1}), u(2, 3, 4, 2), 71);
        GradCheck.check("ZeroPadding2D(1,2,3,0)", new ZeroPadding2D("zp", 1, 2, 3, 0), u(2, 3, 4, 2), 72);
        GradCheck.check("Cropping2D(1,2,0,3)", new Cropping2D("cr", 1, 2, 0, 3), u(2, 6, 7, 2), 73);
        GradCheck.check("UpSampling2D(2,3) nearest", new UpSampling2D("upn", 2, 3, Interpolation.NEAREST), u(2, 3, 4, 2), 74);
        GradCheck.check("UpSampling2D(2,3) bilinear", new UpSampling2D("upb", 2, 3, Interpolation.BILINEAR), u(2, 3, 4, 2), 75);
        GradCheck.check("Rescaling(2, -1)", new Rescaling("resc", new float[] {2}, new float[] {-1}), u(2, 3, 4, 2), 76);
        GradCheck.check("Rescaling per channel", new Rescaling("resc2", new float[] {0.5f, -3}, new float[] {1, 2}), u(2, 3, 4, 2), 77);
        GradCheck.check("Dropout (identity)", new Identity("drop", "Dropout"), u(2, 3, 4, 2), 78);
    }

    @Test
    void mergesAndConcatenate() {
        List<Tensor> three = List.of(u(2, 3, 4, 2), u(2, 3, 4, 2), u(2, 3, 4, 2));
        GradCheck.check("Add (3 inputs)", new Add("add"), three, 80);
        GradCheck.check("Subtract", new Subtract("sub"), three.subList(0, 2), 81);
        GradCheck.check("Multiply (3 inputs)", new Multiply("mul"), three, 82);
        GradCheck.check("Average (3 inputs)", new Average("avg"), three, 83);
        GradCheck.check("Maximum (3 inputs)", new Maximum("max"), three, 84);
        GradCheck.check("Minimum (3 inputs)", new Minimum("min"), three, 85);
        GradCheck.check("Concatenate axis -1", new Concatenate("cat", -1), List.of(u(2, 3, 4, 2), u(2, 3, 4, 5)), 86);
        GradCheck.check("Concatenate axis 1", new Concatenate("cat1", 1), List.of(u(2, 3, 4, 2), u(2, 1, 4, 2), u(2, 2, 4, 2)), 87);
    }

    /** Broadcast merges: a repeated input's gradient is the sum over the cells it fed. */
    @Test
    void broadcastMerges() {
        Tensor x = u(2, 3, 4, 5), se = u(0.5f, 2, 2, 1, 1, 5), col = u(2, 3, 1, 1), vec = u(2, 5);
        GradCheck.check("Multiply SE (2,3,4,5)*(2,1,1,5)", new Multiply("mul"), List.of(x, se), 90);
        GradCheck.check("Multiply (2,1,1,5)*(2,3,4,5)*(2,3,1,1)", new Multiply("mul3"), List.of(se, x, col), 91);
        GradCheck.check("Add rank 4 + rank 2", new Add("add"), List.of(x, vec), 92);
        GradCheck.check("Subtract (2,3,1,1)-(2,1,1,5)", new Subtract("sub"), List.of(col, se), 93);
        GradCheck.check("Average (3 inputs, broadcast)", new Average("avg"), List.of(x, se, col), 94);
        GradCheck.check("Maximum (broadcast)", new Maximum("max"), List.of(x, col), 95);
        GradCheck.check("Minimum (broadcast)", new Minimum("min"), List.of(se, x), 96);
    }

    /** A residual block (a node with two consumers), a nested model and a multi-input merge. */
    static Graph residualModel() {
        Graph inner = Graph.builder("inner").input("in", -1, 6, 6, 4)
                .then(new Conv2D("inner_conv", u(3, 3, 4, 4), u(4), new int[] {1, 1}, Padding.SAME, new int[] {1, 1}, 1, Activations.get("tanh")))
                .then(new BatchNormalization("inner_bn", -1, 1e-3f, u(4), u(4), u(4), u(0.5f, 2f, 4)))
                .build();
        return Graph.builder("residual").input("image", -1, 6, 6, 3)
                .add(new Conv2D("c1", u(3, 3, 3, 4), u(4), new int[] {1, 1}, Padding.SAME, new int[] {1, 1}, 1, Activations.get("relu")), "image")
                .add(new SeparableConv2D("sep", u(3, 3, 4, 1), u(1, 1, 4, 4), u(4), new int[] {1, 1}, Padding.SAME, new int[] {1, 1},
                        Activations.get("gelu")), "c1")
                .add(inner, "c1")
                .add(new Add("add"), "c1", "sep", "inner")
                .add(new MaxPooling2D("pool", new int[] {2, 2}, null, Padding.VALID), "add")
                .add(new GlobalAveragePooling2D("gap", false), "pool")
                .add(new Dense("logits", u(4, 3), u(3), null), "gap")
                .add(new Softmax("probs", -1), "logits")
                .build();
    }

    @Test
    void wholeGraphWithResidualNestedModelAndSoftmax() {
        Graph g = residualModel();
        double err = GradCheck.check("graph: conv, separable, nested model, 3-way add, pool, GAP, dense, softmax", g, u(2, 6, 6, 3), 90);
        assertTrue(err < 1e-4);
        // The same through Backprop with an objective: dJ/dx of "probability of class 1" equals the
        // layer-level vector-Jacobian product with a one-hot cotangent.
        Tensor x = u(1, 6, 6, 3);
        GradientResult r = Backprop.compute(g, x, Objectives.classScore("probs", 1));
        Tensor onehot = Tensor.zeros(1, 3);
        onehot.set(1f, 0, 1);
        Tensor viaVjp = LayerGradients.of(g).backward(g, List.of(x), g.predict(x), onehot).get(0);
        assertEquals(0f, r.gradient("image").maxAbsDiff(viaVjp), 1e-6f);
        assertEquals(g.predict(x).get(0, 1), r.value(), 1e-6);
    }

    @Test
    void aLayerWithoutGradientIsNamed() {
        Layer odd = new SingleInputLayer("mystery") {
            @Override public String kerasClass() { return "MysteryLayer"; }
            @Override public int[] outputShape(int[] s) { return s; }
            @Override public Tensor forward(Tensor t) { return t; }
        };
        Graph g = Graph.builder("m").input("x", -1, 3).then(odd).build();
        NoGradientException e = assertThrows(NoGradientException.class, () -> Backprop.compute(g, u(1, 3), Objectives.neuron("mystery", 0)));
        assertTrue(e.getMessage().contains("'mystery'") && e.getMessage().contains("MysteryLayer"), e.getMessage());
        assertEquals("mystery", e.layerName());
        System.out.println("error for a layer without gradient: " + e.getMessage());
    }
}
