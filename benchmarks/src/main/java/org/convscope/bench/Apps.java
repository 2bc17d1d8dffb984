package org.convscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.convscope.bench.onnx.KerasToOnnx;
import org.convscope.bench.onnx.OnnxWriter;
import org.convscope.explain.Explainer;
import org.convscope.graph.Graph;
import org.convscope.keras.KerasLoadException;
import org.convscope.keras.KerasModel;

/**
 * The real architectures of the duel, from {@code <fixtures>/apps} (see PROVENANCE.md there):
 * Keras's MobileNetV2 ({@code MobileNetV2.h5}) and EfficientNetB0 ({@code EfficientNetB0.keras}),
 * both 96×96×3 with 10 classes and random (not trained) weights, with Keras's per-layer references
 * ({@code .io.h5}). Each is loaded with io-keras; a model convscope's loader refuses only for its
 * {@code Normalization} layer (EfficientNetB0 on this branch) is loaded through {@link
 * NormalizationStandIn} and reported as such, so that the duel picks up the real layer by itself as
 * soon as the loader has it.
 */
public final class Apps {
    /** The models of the duel: label and file name under {@code <fixtures>/apps}. */
    public static final List<String[]> MODELS = List.of(
            new String[] {"MobileNetV2", "MobileNetV2.h5"},
            new String[] {"EfficientNetB0", "EfficientNetB0.keras"});

    private Apps() {}

    /**
     * A loaded model's graph and whether its Normalization layers run as the Rescaling stand-in.
     *
     * @param graph   the graph convscope runs
     * @param standIn whether {@link NormalizationStandIn} was needed
     */
    public record Loaded(Graph graph, boolean standIn) {
        /** {@return the label to print beside figures of this model} @param name the model's label */
        public String label(String name) { return standIn ? name + " (Normalization as Rescaling)" : name; }
    }

    /** {@return the model file of a label in {@link #MODELS}} @param label MobileNetV2 or EfficientNetB0 */
    public static Path file(String label) {
        for (String[] m : MODELS) if (m[0].equals(label)) return existing(Emotion.fixtures().resolve("apps").resolve(m[1]));
        throw new IllegalArgumentException("unknown model " + label + "; known: MobileNetV2, EfficientNetB0");
    }

    /** {@return Keras's reference outputs of a model} @param label MobileNetV2 or EfficientNetB0 */
    public static Path referenceFile(String label) {
        return existing(Emotion.fixtures().resolve("apps").resolve(label + ".io.h5"));
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p.getFileName() + " not found at " + p.toAbsolutePath()
                    + "; pass -Dconvscope.fixtures=<the shared fixtures folder>");
        }
        return p;
    }

    /**
     * Loads a Keras model with io-keras; if the loader refuses it because of a {@code Normalization}
     * layer and it is a {@code .keras} archive, loads it through {@link NormalizationStandIn}.
     *
     * @param file the model file
     * @return the model and whether the stand-in was used
     */
    public static Loaded load(Path file) {
        try {
            return new Loaded(KerasModel.load(file).graph(), false);
        } catch (KerasLoadException e) {
            if (!needsStandIn(e) || !file.toString().endsWith(".keras")) throw e;
            return new Loaded(NormalizationStandIn.load(file), true);
        }
    }

    /** Whether the loader refused a model for its {@code Normalization} layer (and nothing else was wrong). */
    static boolean needsStandIn(KerasLoadException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("(Normalization)") || m.contains("'Normalization'");
    }

    /**
     * (Re)writes {@code target/onnx/<label>.onnx} from the Keras file (through the stand-in if needed).
     *
     * @param label MobileNetV2 or EfficientNetB0
     * @return the ONNX file
     */
    public static Path exportOnnx(String label) {
        Path out = Path.of("target", "onnx", label + ".onnx");
        OnnxWriter.write(KerasToOnnx.convert(load(file(label)).graph()), out);
        return out;
    }

    /** {@return FLOPs of one image (2 × multiply-adds of conv and dense layers), from the explainer} @param graph the model's graph */
    public static double flopsPerImage(Graph graph) {
        return Explainer.explain(graph).totalFlops();
    }
}
