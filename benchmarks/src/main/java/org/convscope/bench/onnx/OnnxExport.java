package org.convscope.bench.onnx;

import java.nio.file.Path;
import java.util.List;
import org.convscope.keras.KerasModel;

/**
 * Exports a Keras model file to ONNX: loads it with io-keras, converts it with {@link KerasToOnnx}
 * and writes it with {@link OnnxWriter}. The benchmarks call it before timing ONNX Runtime on a model
 * that has no ONNX fixture (the emotion model), so the file under {@code target/onnx} is generated,
 * never committed.
 *
 * <pre>  java -cp ... org.convscope.bench.onnx.OnnxExport MODEL.h5 OUT.onnx</pre>
 */
public final class OnnxExport {
    private OnnxExport() {}

    /**
     * Converts and writes the model.
     *
     * @param model        the loaded model
     * @param file         where to write the .onnx file
     * @param extraOutputs layers whose outputs the ONNX graph also returns
     * @return the graph that was written
     */
    public static OnnxGraph export(KerasModel model, Path file, List<String> extraOutputs) {
        OnnxGraph g = KerasToOnnx.convert(model.graph(), extraOutputs);
        OnnxWriter.write(g, file);
        return g;
    }

    /**
     * Command line: {@code MODEL OUT}.
     *
     * @param args the Keras model file and the ONNX file to write
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: OnnxExport MODEL.h5 OUT.onnx");
            System.exit(2);
        }
        OnnxGraph g = export(KerasModel.load(Path.of(args[0])), Path.of(args[1]), List.of());
        System.out.println("wrote " + args[1] + ": " + g.nodes().size() + " nodes, " + g.initializers().size() + " initializers");
    }
}
