package org.convscope.bench;

import org.convscope.activation.ElementwiseActivation;
import org.convscope.gemm.DenseMatrix;
import org.convscope.gemm.Epilogue;
import org.convscope.gemm.Gemm;
import org.convscope.gemm.Gemms;
import org.convscope.gemm.MatrixB;
import org.convscope.layers.SingleInputLayer;
import org.convscope.tensor.Tensor;

/**
 * Flatten + Dense on the engine's GEMM (weights pre-packed): a stand-in local to the benchmarks so
 * that the whole convnet_512 runs before the core Dense layer exists.
 */
final class BenchDense extends SingleInputLayer {
    private final int in, out;
    private final MatrixB weights;
    private final Epilogue epilogue;
    private final Gemm gemm = Gemms.defaultGemm();

    BenchDense(String name, int in, int out, long seed, ElementwiseActivation act) {
        super(name);
        this.in = in;
        this.out = out;
        float[] w = Shapes.random(in * out, seed);
        float scale = (float) Math.sqrt(3.0 / in);
        for (int i = 0; i < w.length; i++) w[i] *= scale;
        this.weights = gemm.prepack(DenseMatrix.of(w, in, out));
        this.epilogue = Epilogue.biasActivation(Shapes.random(out, seed + 1), act);
    }

    @Override public String kerasClass() { return "Dense"; }

    @Override
    public int[] outputShape(int[] s) { return new int[]{s[0], out}; }

    @Override
    public Tensor forward(Tensor x) {
        int n = x.dim(0);
        Tensor y = Tensor.zeros(n, out);
        gemm.multiply(n, out, in, DenseMatrix.of(x.data(), n, in), weights, y.data(), 0, out, epilogue);
        return y;
    }
}
