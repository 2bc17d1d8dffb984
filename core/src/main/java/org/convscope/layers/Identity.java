package org.convscope.layers;

import org.convscope.tensor.Tensor;

/**
 * Layers that do nothing at inference and pass their input through: Dropout, SpatialDropout2D,
 * GaussianNoise, GaussianDropout, ActivityRegularization (and Keras's own Identity).
 * {@link #kerasClass()} returns the class it stands for.
 */
public final class Identity extends SingleInputLayer {
    private final String kerasClass;

    /**
     * A layer that passes its input through unchanged (what training-only layers do at inference).
     *
     * @param kerasClass the Keras class this stands for, for example {@code "Dropout"}
     * @param name the layer's name, unique in its model
     */
    public Identity(String name, String kerasClass) {
        super(name);
        if (kerasClass == null || kerasClass.isEmpty()) {
            throw new IllegalArgumentException("Identity '" + name + "': the Keras class is missing");
        }
        this.kerasClass = kerasClass;
    }

    @Override public String kerasClass() { return kerasClass; }

    @Override public int[] outputShape(int[] inputShape) { return inputShape.clone(); }

    @Override public Tensor forward(Tensor input) { return input; }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
