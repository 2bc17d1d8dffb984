package org.convscope.grad;

/**
 * Watches a gradient-ascent run (activation maximisation) step by step, and may stop it: for a
 * progress bar, to keep snapshots for an animation, or to stop early once the objective has risen
 * enough. It is called on the thread that runs the ascent.
 */
@FunctionalInterface
public interface AscentListener {
    /**
     * Called after every step, once the image has been updated.
     *
     * @param step what the step did: its number, the objective's value and a snapshot of the image
     *             the listener may keep
     * @return true to go on, false to stop the run after this step
     */
    boolean onStep(AscentStep step);

    /** A listener that watches nothing. */
    AscentListener NONE = s -> true;
}
