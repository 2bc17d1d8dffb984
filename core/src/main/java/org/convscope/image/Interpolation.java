package org.convscope.image;

import java.util.Locale;

/** How {@link Resize} (and UpSampling2D) computes a pixel between input pixels. */
public enum Interpolation {
    /** The input pixel whose area contains the output pixel's centre. */
    NEAREST,
    /** Linear in each direction between the four input pixels around the centre. */
    BILINEAR;

    /**
     * Parses "nearest" / "bilinear" (Keras and TensorFlow spelling), naming the choices on error.
     *
     * @param s the name, any case
     * @return the method
     */
    public static Interpolation parse(String s) {
        if (s != null) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "nearest": return NEAREST;
                case "bilinear": return BILINEAR;
                default: break;
            }
        }
        throw new IllegalArgumentException("unknown interpolation '" + s + "'; expected nearest or bilinear");
    }
}
