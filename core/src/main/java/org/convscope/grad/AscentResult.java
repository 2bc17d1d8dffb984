package org.convscope.grad;

import org.convscope.tensor.Tensor;

/**
 * The outcome of a gradient-ascent run.
 *
 * @param image      the optimised image, {@code [1, H, W, C]} (model input space for pixel ascent)
 * @param startValue the objective at the starting image
 * @param endValue   the objective at the final image
 * @param steps      how many steps were made (fewer than asked when a listener stopped the run)
 */
public record AscentResult(Tensor image, double startValue, double endValue, int steps) {}
