/**
 * Native yardsticks (OpenBLAS through org.bytedeco:openblas, ONNX Runtime Java). Compiled only with
 * the opt-in Maven profile {@code -Pnative}: convscope itself never depends on native code.
 */
package org.convscope.bench.nativeyard;
