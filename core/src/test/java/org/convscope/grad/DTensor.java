package org.convscope.grad;

import org.convscope.tensor.Tensor;

/** A double-precision tensor for the finite-difference oracles (tests only). */
record DTensor(int[] shape, double[] data) {
    static DTensor of(Tensor t) {
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) d[i] = t.data()[i];
        return new DTensor(t.shape(), d);
    }

    static DTensor zeros(int... shape) {
        long n = 1;
        for (int s : shape) n *= s;
        return new DTensor(shape.clone(), new double[(int) n]);
    }

    int dim(int axis) { return shape[axis < 0 ? shape.length + axis : axis]; }

    int rank() { return shape.length; }

    int size() { return data.length; }

    DTensor copy() { return new DTensor(shape.clone(), data.clone()); }

    DTensor reshape(int... s) {
        int[] r = s.clone();
        int known = 1, neg = -1;
        for (int i = 0; i < r.length; i++) if (r[i] < 0) neg = i; else known *= r[i];
        if (neg >= 0) r[neg] = data.length / known;
        return new DTensor(r, data);
    }

    Tensor toFloat() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
        return Tensor.of(f, shape);
    }
}
