package org.convscope.layers;

import java.util.Arrays;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's Reshape: each batch item gets {@code targetShape} (row-major order kept); one entry may
 * be −1 and is inferred from the item's size. The data is shared, not copied.
 */
public final class Reshape extends SingleInputLayer {
    private final int[] target;

    /**
     * Keras's {@code Reshape}.
     *
     * @param targetShape without the batch axis; at most one −1
     * @param name the layer's name, unique in its model
     */
    public Reshape(String name, int[] targetShape) {
        super(name);
        if (targetShape == null) throw new IllegalArgumentException(describe() + ": target_shape is null");
        int unknown = 0;
        for (int d : targetShape) {
            if (d == -1) unknown++;
            else if (d < 0) throw new IllegalArgumentException(describe() + ": invalid target_shape " + Arrays.toString(targetShape));
        }
        if (unknown > 1) throw new IllegalArgumentException(describe() + ": target_shape " + Arrays.toString(targetShape) + " has more than one -1");
        this.target = targetShape.clone();
    }

    @Override public String kerasClass() { return "Reshape"; }

    /** {@return the target shape without batch, as given (may hold −1)} */
    public int[] targetShape() { return target.clone(); }

    @Override
    public int[] outputShape(int[] in) {
        if (in.length == 0) throw new IllegalArgumentException(describe() + " needs a batch axis, got a scalar");
        int[] item = Arrays.copyOfRange(in, 1, in.length);
        int[] out = new int[target.length + 1];
        out[0] = in[0];
        boolean unknownInput = false;
        for (int d : item) unknownInput |= d < 0;
        if (unknownInput) {
            System.arraycopy(target, 0, out, 1, target.length);   // −1 stays unknown
            return out;
        }
        try {
            System.arraycopy(Shapes.resolveReshape(item, target), 0, out, 1, target.length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": cannot reshape items of shape " + Shapes.toString(item)
                    + " (" + Shapes.size(item) + " values) to " + Shapes.toString(target), e);
        }
        return out;
    }

    @Override public Tensor forward(Tensor input) { return input.reshape(outputShape(input.shape())); }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
