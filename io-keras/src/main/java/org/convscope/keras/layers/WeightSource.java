package org.convscope.keras.layers;

import java.util.List;
import org.convscope.keras.config.LayerSpec;
import org.convscope.tensor.Tensor;

/**
 * Where a model's weights come from (a legacy {@code /model_weights} group, or Keras 3's
 * {@code layers/<key>/vars} layout). Implementations check every dataset's declared shape against
 * the expected one before reading it.
 */
public interface WeightSource {
    /**
     * The weights of one layer, in the order of {@code expected}.
     *
     * @param layer    the layer
     * @param index    its position in {@code model.layers}
     * @param expected what the layer's config implies; a missing, extra or mis-shaped weight is a
     *                 {@link org.convscope.keras.WeightMismatchException}
     */
    List<Tensor> read(LayerSpec layer, int index, List<WeightSpec> expected);

    /** The source for the layers of a model used as layer {@code index} of this model. */
    WeightSource nested(LayerSpec modelLayer, int index);

    /** Throws when the file holds weights for layers that were never read (an extra layer). */
    void checkAllUsed();
}
