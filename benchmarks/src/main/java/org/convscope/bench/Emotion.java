package org.convscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.convscope.bench.onnx.OnnxExport;
import org.convscope.explain.Explainer;
import org.convscope.keras.KerasModel;

/**
 * The emotion model of the main job ({@code <fixtures>/trained/fer2013_big_XCEPTION.54-0.66.hdf5}, a
 * mini-Xception: input 64×64×1, Conv2D/BatchNormalization/ReLU, SeparableConv2D residual blocks,
 * global average pooling, softmax over 7 classes), loaded with io-keras; its FLOPs per image from
 * convscope's {@link Explainer}; and its ONNX export for the native yardstick. The fixtures folder is
 * found like {@link Convnet512}'s.
 */
public final class Emotion {
    /** The model's file name under {@code <fixtures>/trained}. */
    public static final String NAME = "fer2013_big_XCEPTION.54-0.66";

    /** The generated ONNX file, relative to the benchmarks module (the runner's working folder). */
    public static final Path ONNX = Path.of("target", "onnx", "emotion.onnx");

    private static volatile Double flops;

    private Emotion() {}

    /** {@return the fixtures folder} */
    public static Path fixtures() {
        String dir = System.getProperty("convscope.fixtures");
        if (dir != null) return Path.of(dir);
        Path p = Path.of("..", "..", "shared", "fixtures");
        return Files.isDirectory(p) ? p : Path.of("..", "shared", "fixtures");
    }

    /** {@return the Keras model file} */
    public static Path file() { return file(".hdf5"); }

    /** {@return Keras's per-layer reference outputs for the model ({@code .io.h5})} */
    public static Path referenceFile() { return file(".io.h5"); }

    private static Path file(String suffix) {
        Path p = fixtures().resolve("trained").resolve(NAME + suffix);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p.getFileName() + " not found at " + p.toAbsolutePath()
                    + "; pass -Dconvscope.fixtures=<the shared fixtures folder>");
        }
        return p;
    }

    /** {@return the model, loaded from {@link #file()}} */
    public static KerasModel load() { return KerasModel.load(file()); }

    /** {@return FLOPs of one image (2 × multiply-adds of conv and dense layers), from the explainer's totals} */
    public static double flopsPerImage() {
        Double f = flops;
        if (f == null) flops = f = (double) Explainer.explain(load().graph()).totalFlops();
        return f;
    }

    /** (Re)writes {@link #ONNX} from the Keras file and {@return its path} */
    public static Path exportOnnx() {
        OnnxExport.export(load(), ONNX, List.of());
        return ONNX;
    }
}
