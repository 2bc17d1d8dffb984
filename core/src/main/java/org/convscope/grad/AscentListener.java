package org.convscope.grad;

/**
 * Watches a gradient-ascent run (activation maximisation) step by step, and may stop it.
 */
@FunctionalInterface
public interface AscentListener {
    /**
     * Called after every step.
     *
     * @return true to go on, false to stop the run after this step
     */
    boolean onStep(AscentStep step);

    /** A listener that watches nothing. */
    AscentListener NONE = s -> true;
}
