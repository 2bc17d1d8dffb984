package org.convscope.internal.vector;

import org.convscope.activation.ElementwiseActivation;
import org.convscope.activation.Relu;
import org.convscope.activation.Relu6;

/**
 * The activations that are a clamp {@code min(max(x, lo), hi)}: relu, relu6 and
 * {@code relu(max_value=m)}. A kernel that knows the bounds applies them to its accumulators in
 * registers before the one store (the depthwise rows), instead of a pass over the finished output.
 * (Tried in the GEMM's micro-kernels too, round 4: the emotion model ran 2× slower, benchmarks/NOTES.md.) Lane by lane {@link Math#max} then {@link Math#min}: the same bits
 * as the activations' own loops.
 */
public final class Clamp {
    private Clamp() {}

    /**
     * The bounds of a clamp activation.
     *
     * @param act the activation, or null
     * @return {@code {lo, hi}} ({@code hi} may be +∞) when {@code act} is a clamp, else null
     */
    public static float[] of(ElementwiseActivation act) {
        if (act instanceof Relu6) return new float[] {0f, 6f};
        if (act instanceof Relu r && r.negativeSlope() == 0f && r.threshold() == 0f) {
            return new float[] {0f, r.maxValue() == null ? Float.POSITIVE_INFINITY : r.maxValue()};
        }
        return null;
    }
}
