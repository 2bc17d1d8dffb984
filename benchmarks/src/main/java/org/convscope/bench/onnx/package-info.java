/**
 * A small Keras-to-ONNX exporter for the benchmarks: an in-memory ONNX graph ({@link
 * org.convscope.bench.onnx.OnnxGraph}), its protobuf encoding ({@link org.convscope.bench.onnx.OnnxWriter})
 * and the converter from a convscope graph ({@link org.convscope.bench.onnx.KerasToOnnx}). Pure Java
 * (protobuf-java only); running the result needs ONNX Runtime, in the native profile.
 */
package org.convscope.bench.onnx;
