package org.convscope.viz.render;

/** Makes sure AWT runs without a display (the pictures are drawn off-screen only). */
public final class Headless {
    private Headless() {}

    /** Sets {@code java.awt.headless=true} unless the user chose otherwise. Call before any AWT use. */
    public static void ensure() {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }
}
