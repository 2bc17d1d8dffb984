package org.convscope.grad;

import java.util.List;
import org.convscope.layers.Layer;

/** Double-precision oracles of the non-convolution layers (tests only). */
final class MoreOracles {
    private MoreOracles() {}

    static DTensor forward(Layer layer, List<DTensor> in) {
        throw new IllegalArgumentException("no double oracle for " + layer.kerasClass() + " " + layer.getClass().getName());
    }
}
