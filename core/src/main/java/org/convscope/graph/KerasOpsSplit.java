package org.convscope.graph;

import org.convscope.activation.SoftmaxActivation;
import org.convscope.layers.CenterCrop;
import org.convscope.layers.Layer;
import org.convscope.layers.LayerNormalization;
import org.convscope.layers.LayerScale;
import org.convscope.layers.Normalization;
import org.convscope.layers.OpLayer;
import org.convscope.layers.OpReshape;
import org.convscope.layers.Reduce;
import org.convscope.layers.Resizing;
import org.convscope.layers.Transpose;

/**
 * {@link BatchSplit#perSample} for the layers and Keras 3 op nodes of Keras applications: the
 * normalisations, LayerScale, Resizing and CenterCrop compute each image alone; an op node does
 * unless it reaches across the batch axis (a softmax or reduction over axis 0, a transpose or
 * reshape that moves it). Tensor-with-tensor ops of different ranks ({@code BinaryOp}) align axes
 * from the end, so they are never split.
 */
final class KerasOpsSplit {
    private KerasOpsSplit() {}

    /** {@return true/false for the layers this class knows, null for the others} */
    static Boolean perSample(Layer layer, int rank) {
        if (layer instanceof Normalization || layer instanceof LayerNormalization || layer instanceof LayerScale
                || layer instanceof Resizing || layer instanceof CenterCrop) {
            return true;
        }
        if (layer instanceof OpLayer op) return !(op.activation() instanceof SoftmaxActivation s) || axis(s.axis(), rank) != 0;
        if (layer instanceof Reduce r) {
            if (r.axes() == null) return false;
            for (int a : r.axes()) if (axis(a, rank) == 0) return false;
            return true;
        }
        if (layer instanceof Transpose t) return t.axes() != null && t.axes().length == rank && axis(t.axes()[0], rank) == 0;
        if (layer instanceof OpReshape r) return r.keepsBatchAxis(rank);
        if (layer instanceof org.convscope.layers.BinaryOp) return false;
        return null;
    }

    private static int axis(int a, int rank) { return a < 0 ? a + rank : a; }
}
