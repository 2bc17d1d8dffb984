package org.convscope.layers;

import java.util.List;
import org.convscope.activation.Activation;
import org.convscope.activation.Activations;
import org.convscope.activation.ElementwiseActivation;
import org.convscope.internal.engine.PerEngine;
import org.convscope.internal.gemm.DenseMatrix;
import org.convscope.internal.gemm.Epilogue;
import org.convscope.internal.gemm.Gemm;
import org.convscope.internal.gemm.MatrixB;
import org.convscope.tensor.ActivationArena;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;

/**
 * Keras's Dense on an input of any rank ≥ 2: {@code y = activation(x · kernel + bias)} on the last
 * axis. All leading axes are flattened into the rows of one GEMM,
 * {@code [rows × in] · [in × out]}, with the bias and an elementwise activation applied in the
 * GEMM's epilogue; a non-elementwise activation (softmax) is applied afterwards.
 */
public final class Dense extends SingleInputLayer {
    private final Tensor kernel, bias;
    private final Activation activation;
    private final Epilogue epilogue;
    private final PerEngine<Packed> packed;     // the kernel as B, prepacked once for each engine's GEMM

    private record Packed(Gemm gemm, MatrixB kernel) {}

    /**
     * A fully connected layer on the last axis.
     *
     * @param kernel     {@code (in, out)} as Keras stores it
     * @param bias       {@code (out)} or null (use_bias=False)
     * @param activation null for linear
     * @param name the layer's name, unique in its model
     */
    public Dense(String name, Tensor kernel, Tensor bias, Activation activation) {
        super(name);
        if (kernel == null || kernel.rank() != 2) {
            throw new IllegalArgumentException(describe() + ": kernel must have shape (in, out), got "
                    + (kernel == null ? "null" : Shapes.toString(kernel.shape())));
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != kernel.dim(1))) {
            throw new IllegalArgumentException(describe() + ": bias must have shape (" + kernel.dim(1) + ",), got "
                    + Shapes.toString(bias.shape()));
        }
        this.kernel = kernel;
        this.bias = bias;
        this.activation = activation;
        this.epilogue = Epilogue.biasActivation(bias == null ? null : bias.data(),
                activation instanceof ElementwiseActivation e ? e : null);
        this.packed = new PerEngine<>(e -> new Packed(e.gemm(), e.gemm().prepack(DenseMatrix.of(kernel.data(), kernel.dim(0), kernel.dim(1)))));
    }

    @Override public String kerasClass() { return "Dense"; }

    /** {@return size of the last input axis} */
    public int inputDim() { return kernel.dim(0); }

    /** {@return output units} */
    public int units() { return kernel.dim(1); }

    @Override
    public int[] outputShape(int[] in) {
        if (in.length < 2 || in[in.length - 1] != inputDim()) {
            throw new IllegalArgumentException(describe() + " expects an input of rank >= 2 whose last axis is "
                    + inputDim() + " (kernel " + Shapes.toString(kernel.shape()) + "), got " + Shapes.toString(in));
        }
        int[] out = in.clone();
        out[out.length - 1] = units();
        return out;
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] outShape = outputShape(input.shape());
        int k = inputDim(), n = units(), m = input.size() / Math.max(1, k);
        float[] c = ActivationArena.floats(m * n);     // the GEMM overwrites C
        if (m > 0) {
            Packed p = packed.current();
            p.gemm.multiply(m, n, k, DenseMatrix.of(input.data(), m, k), p.kernel, c, 0, n, epilogue);
        }
        return Activations.applyUnfused(Tensor.of(c, outShape), activation);
    }

    /** {@code kernel}, then {@code bias} when present. */
    @Override
    public List<Weight> weights() {
        return Weight.withBias(bias, Weight.trainable("kernel", kernel));
    }

    /** {@return the kernel {@code (in, out)} (do not modify)} */
    public Tensor kernel() { return kernel; }
    /** {@return the bias {@code (out)}, or null} */
    public Tensor bias() { return bias; }
    /** {@return the activation, or null for linear} */
    public Activation activation() { return activation; }

    @Override
    public String toString() {
        return describe() + " " + inputDim() + " -> " + units() + (activation == null ? "" : " " + activation.name());
    }

    @Override
    public boolean perImage(int inputRank) { return true; }
}
