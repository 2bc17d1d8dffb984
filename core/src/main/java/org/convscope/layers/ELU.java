package org.convscope.layers;

import org.convscope.activation.Elu;

/** Keras's ELU layer: x for x &gt; 0, alpha·(e^x − 1) otherwise. */
public final class ELU extends ActivationLayer {
    public ELU(String name, float alpha) {
        super(name, new Elu(alpha));
    }

    @Override public String kerasClass() { return "ELU"; }

    public float alpha() { return ((Elu) activation()).alpha(); }
}
