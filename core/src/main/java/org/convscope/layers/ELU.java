package org.convscope.layers;

import org.convscope.activation.Elu;

/** Keras's ELU layer: x for x &gt; 0, alpha·(e^x − 1) otherwise. */
public final class ELU extends ActivationLayer {
    /**
     * An {@code ELU} layer.
     * @param name the layer's name, unique in its model
     * @param alpha the scale of the negative part
     */
    public ELU(String name, float alpha) {
        super(name, new Elu(alpha));
    }

    @Override public String kerasClass() { return "ELU"; }

    /**
     * The scale of the negative part.
     * @return alpha
     */
    public float alpha() { return ((Elu) activation()).alpha(); }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
