package org.convscope.graph;

import java.util.List;
import org.convscope.activation.ElementwiseActivation;

/**
 * Several elementwise activations applied one after the other, as one: what a fused chain runs in
 * its epilogue when more than one activation follows the convolution (Keras 3 graphs write
 * hard-sigmoid as {@code relu6(x + 3) · (1/6)}, three op nodes). Each step rounds to float as the
 * separate nodes do, so the values are the same bits as running them one by one.
 */
record ActivationSequence(List<ElementwiseActivation> steps) implements ElementwiseActivation {
    ActivationSequence {
        steps = List.copyOf(steps);
    }

    /** {@return null for none, the activation itself for one, else the sequence} */
    static ElementwiseActivation of(List<ElementwiseActivation> acts) {
        if (acts.isEmpty()) return null;
        return acts.size() == 1 ? acts.get(0) : new ActivationSequence(acts);
    }

    @Override
    public String name() {
        StringBuilder sb = new StringBuilder();
        for (ElementwiseActivation a : steps) sb.append(sb.length() == 0 ? "" : " → ").append(a.name());
        return sb.toString();
    }

    @Override
    public float apply(float x) {
        for (ElementwiseActivation a : steps) x = a.apply(x);
        return x;
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (ElementwiseActivation s : steps) s.applyInPlace(a, from, to);
    }

    @Override public String toString() { return name(); }
}
