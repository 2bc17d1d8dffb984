package org.convscope.grad;

import org.convscope.tensor.Tensor;

/**
 * What a gradient-ascent run reports after each step.
 *
 * @param step      1-based step number
 * @param steps     how many steps the run will make at most
 * @param objective the objective's value at the image before this step's update
 * @param image     the current image (a snapshot the listener may keep; in the model's input space
 *                  for pixel ascent, in [0,1] for the Fourier method)
 */
public record AscentStep(int step, int steps, double objective, Tensor image) {}
