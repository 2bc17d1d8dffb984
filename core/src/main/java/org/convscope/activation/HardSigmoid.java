package org.convscope.activation;

/**
 * Keras's {@code hard_sigmoid}, a piecewise-linear sigmoid whose slope depends on the Keras
 * version that wrote the model:
 * <ul>
 *   <li>Keras 3: relu6(x + 3) / 6 — 0 for x ≤ −3, 1 for x ≥ 3, x/6 + 0.5 between;</li>
 *   <li>Keras 2: clip(0.2·x + 0.5, 0, 1) — 0 for x ≤ −2.5, 1 for x ≥ 2.5.</li>
 * </ul>
 *
 * @param flavor the Keras version that wrote the model
 */
public record HardSigmoid(KerasFlavor flavor) implements ElementwiseActivation {
    public static final HardSigmoid KERAS3 = new HardSigmoid(KerasFlavor.KERAS3);
    public static final HardSigmoid KERAS2 = new HardSigmoid(KerasFlavor.KERAS2);

    /** Checks that the flavor is given. */
    public HardSigmoid {
        if (flavor == null) throw new IllegalArgumentException("hard_sigmoid: flavor must not be null");
    }

    @Override public String name() { return "hard_sigmoid"; }

    @Override
    public float apply(float x) {
        if (flavor == KerasFlavor.KERAS2) return Math.min(Math.max(x * 0.2f + 0.5f, 0f), 1f);
        return Math.min(Math.max(x + 3f, 0f), 6f) / 6f;
    }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = apply(a[i]);
    }
}
