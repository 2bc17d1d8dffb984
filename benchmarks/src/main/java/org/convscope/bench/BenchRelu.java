package org.convscope.bench;

import org.convscope.activation.ElementwiseActivation;

/** max(x, 0), the activation of every convnet_512 conv layer (a stand-in local to the benchmarks). */
final class BenchRelu implements ElementwiseActivation {
    static final BenchRelu INSTANCE = new BenchRelu();

    @Override public float apply(float x) { return Math.max(x, 0f); }

    @Override
    public void applyInPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) a[i] = Math.max(a[i], 0f);
    }

    @Override public String name() { return "relu"; }
}
