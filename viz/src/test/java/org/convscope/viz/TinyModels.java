package org.convscope.viz;

import java.util.Random;
import org.convscope.activation.Activations;
import org.convscope.geometry.Padding;
import org.convscope.graph.Graph;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Dense;
import org.convscope.layers.GlobalAveragePooling2D;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.SeparableConv2D;
import org.convscope.tensor.Tensor;

/** Small seeded models built in code with the engine's layers, for viz tests that need no file. */
final class TinyModels {
    private TinyModels() {}

    static Tensor random(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) r.nextGaussian() * 0.5f;
        return t;
    }

    /**
     * input (8, 8, 3) → conv1 Conv2D 3x3 same relu (4 filters) → pool 2x2 → sep SeparableConv2D 3x3
     * (5 filters) → gap → probs Dense softmax (3 classes).
     */
    static Graph tinyConvNet(long seed) {
        Random r = new Random(seed);
        return Graph.builder("tiny")
                .input("input", -1, 8, 8, 3)
                .then(new Conv2D("conv1", random(r, 3, 3, 3, 4), random(r, 4), new int[]{1, 1}, Padding.SAME, new int[]{1, 1}, 1, Activations.get("relu")))
                .then(new MaxPooling2D("pool", new int[]{2, 2}, new int[]{2, 2}, Padding.VALID))
                .then(new SeparableConv2D("sep", random(r, 3, 3, 4, 1), random(r, 1, 1, 4, 5), random(r, 5), new int[]{1, 1}, Padding.SAME,
                        new int[]{1, 1}, null))
                .then(new GlobalAveragePooling2D("gap", false))
                .then(new Dense("probs", random(r, 5, 3), random(r, 3), Activations.get("softmax")))
                .outputs("probs")
                .build();
    }
}
