package org.convscope.grad;

import org.convscope.tensor.Tensor;

/**
 * What a gradient-ascent run reports after each step.
 *
 * @param step      1-based step number
 * @param steps     how many steps the run will make at most
 * @param objective the objective's value at the image before this step's update
 * @param image     a snapshot of the image that the listener may keep: for pixel ascent the image
 *                  after this step's update, in the model's input space; for the Lucid (Fourier)
 *                  method the colour image in [0,1] that this step evaluated
 */
public record AscentStep(int step, int steps, double objective, Tensor image) {}
