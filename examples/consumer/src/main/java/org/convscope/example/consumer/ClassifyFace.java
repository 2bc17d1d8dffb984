package org.convscope.example.consumer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.convscope.keras.KerasModel;
import org.convscope.tensor.Tensor;
import org.convscope.viz.maps.FeatureMapGrid;
import org.convscope.viz.maps.FeatureMapOptions;
import org.convscope.viz.model.ModelLoader;
import org.convscope.viz.model.Preprocess;
import org.convscope.viz.render.Picture;
import org.convscope.viz.render.Png;
import org.convscope.viz.report.Prediction;

/**
 * Classifies the face bundled with convscope-viz with the bundled trained emotion model
 * (mini-Xception, FER2013), prints the top three classes and writes the feature maps of the first
 * convolution as a PNG.
 *
 * <p>Arguments (both optional): the PNG to write (default {@code conv2d_1.png}), and a Keras model
 * file to use instead of the bundled one (its class names are read from
 * {@code <model>.classes.txt} beside it, if there is one).
 */
public final class ClassifyFace {
    private ClassifyFace() {}

    /**
     * Runs the example.
     *
     * @param args the PNG to write, then optionally a model file
     */
    public static void main(String[] args) {
        Path png = Path.of(args.length > 0 ? args[0] : "conv2d_1.png");
        Path modelFile = args.length > 1 ? Path.of(args[1]) : ModelLoader.extractDefault(ModelLoader.DEFAULT_MODEL);
        Path face = ModelLoader.extractDefault(ModelLoader.DEFAULT_IMAGE);

        KerasModel model = KerasModel.load(modelFile);
        List<String> classes = ModelLoader.classNames(modelFile);
        Tensor x = Preprocess.defaultFace().apply(face).input();     // face crop, gray, 64x64, [-1, 1]

        Tensor probabilities = model.predict(x);
        System.out.println(model.name() + " on the bundled face:");
        for (Prediction.Entry e : Prediction.of(probabilities, classes).ranked().subList(0, 3)) {
            System.out.printf(Locale.ROOT, "  %-10s %.4f%n", e.name(), e.score());
        }

        String conv = model.layerNames().stream().filter(n -> model.layer(n).kerasClass().equals("Conv2D")).findFirst().orElseThrow();
        Tensor maps = model.activations(x, conv).get(conv);
        Picture grid = FeatureMapGrid.render(maps, conv, FeatureMapOptions.defaults());
        Png.write(grid.image(), png);
        System.out.printf(Locale.ROOT, "wrote %s: the %d feature maps of %s, %dx%d pixels%n", png, maps.dim(3), conv, grid.width(), grid.height());
    }
}
