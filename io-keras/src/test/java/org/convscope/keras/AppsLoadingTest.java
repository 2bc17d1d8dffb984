package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Keras-application fixtures loaded other ways than {@link ParityTest} loads them (weights plus
 * an architecture), and the load errors of issue 19: an op node convscope does not know (in
 * {@code .keras} and in a legacy {@code .h5}, which does not record the op's module), a TensorFlow Hub
 * layer, and an error inside a nested model, which names the layer by its path from the outer model.
 */
class AppsLoadingTest {
    @TempDir Path dir;

    private static final String CONVNEXT = "apps/convnext_mini.keras";

    /** Keras 3 {@code save_weights} writes the layout of the archive's {@code model.weights.h5}: load it into the architecture. */
    @Test
    void weightsH5PlusArchitectureMatchesKeras() throws Exception {
        Path weights = TestFiles.write(dir, "convnext_mini.weights.h5", TestFiles.zipEntryBytes(Fixtures.file(CONVNEXT), "model.weights.h5"));
        KerasModel fromWeights = KerasModel.load(weights, Fixtures.file(CONVNEXT));
        // the legacy .h5 as a weights file for the .keras architecture: nested Sequential weights by name
        KerasModel crossed = KerasModel.load(Fixtures.file("apps/convnext_mini.h5"), Fixtures.file(CONVNEXT));
        try (IoReference ref = new IoReference(Fixtures.file("apps/convnext_mini.io.h5"))) {
            Tensor keras = ref.output("convnext_mini_head_dense");
            for (KerasModel m : new KerasModel[] {fromWeights, crossed}) {
                assertEquals(270_298, m.totalParams(), m.file().toString());
                LayerComparison cmp = new LayerComparison();
                cmp.full("predict", m.predict(ref.input()), keras);
                cmp.full("stem (nested Sequential)", m.activations(ref.input(), "convnext_mini_stem").get("convnext_mini_stem"),
                        ref.output("convnext_mini_stem"));
                System.out.println("APPS " + cmp.report(m.file().getFileName() + " + " + CONVNEXT));
                assertTrue(cmp.failures.isEmpty(), String.join("\n", cmp.failures));
            }
        }
    }

    @Test
    void anUnknownOpNodeIsNamedAsAKerasOpWithItsModuleFunctionAndConstants() throws Exception {
        Path keras = Fixtures.file("apps/keras_ops_zoo.keras");
        String config = TestFiles.zipEntryText(keras, "config.json");
        // x + 3.0 becomes x % 3.0 (keras.ops.mod), which convscope does not implement
        String mod = config.replace("\"class_name\": \"Add\", \"config\": {\"name\": \"add\"}, \"registered_name\": \"Add\"",
                "\"class_name\": \"Mod\", \"config\": {\"name\": \"add\"}, \"registered_name\": \"Mod\"");
        assertTrue(!mod.equals(config), "the op was found in config.json");
        byte[] zip = TestFiles.zip(true, "metadata.json", TestFiles.zipEntryBytes(keras, "metadata.json"),
                "config.json", mod.getBytes(java.nio.charset.StandardCharsets.UTF_8), "model.weights.h5", TestFiles.zipEntryBytes(keras, "model.weights.h5"));
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> KerasModel.load(zip, "zoo_mod.keras"));
        String m = e.getMessage();
        assertTrue(m.contains("Keras op node 'add'") && m.contains("keras.src.ops.numpy.Mod") && m.contains("tensor(conv1), 3.0")
                && m.contains("zoo_mod.keras") && !m.contains("takes two or more inputs"), m);

        // the legacy .h5 records op nodes without a module: the error still calls it an op node
        byte[] h5 = TestFiles.replaceAll(Files.readAllBytes(Fixtures.file("apps/keras_ops_zoo.h5")), "\"class_name\": \"Relu6\"", "\"class_name\": \"Relu7\"");
        e = assertThrows(UnsupportedLayerException.class, () -> KerasModel.load(h5, "zoo.h5"));
        assertTrue(e.getMessage().contains("Keras op node 'relu6'") && e.getMessage().contains("Relu7")
                && e.getMessage().contains("tensor(add)"), e.getMessage());
    }

    @Test
    void aTensorFlowHubLayerGetsItsOwnMessage() throws Exception {
        String arch = """
                {"class_name": "Sequential", "config": {"name": "hub_model", "layers": [
                  {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 224, 224, 3], "name": "input_1"}},
                  {"class_name": "KerasLayer", "config": {"name": "keras_layer", "trainable": false, "dtype": "float32",
                   "handle": "https://tfhub.dev/google/imagenet/mobilenet_v2_100_224/feature_vector/4"}},
                  {"class_name": "Dense", "config": {"name": "dense", "units": 5, "activation": "softmax"}}]},
                 "keras_version": "2.15.0"}""";
        Path json = TestFiles.write(dir, "hub.json", arch);
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class,
                () -> KerasModel.load(Fixtures.file("keras3/kaggle_custom_convnet.weights.h5"), json));
        String m = e.getMessage();
        assertTrue(m.contains("hub.json") && m.contains("'keras_layer'") && m.contains("TensorFlow Hub")
                && m.contains("https://tfhub.dev/google/imagenet/mobilenet_v2_100_224/feature_vector/4") && m.contains("Re-save the model without it"), m);
    }

    @Test
    void anErrorInsideANestedModelNamesTheLayerByItsPath() throws Exception {
        Path keras = Fixtures.file("apps/transfer_mobilenetv2.keras");
        String config = TestFiles.zipEntryText(keras, "config.json");
        String bad = config.replace("\"name\": \"Conv1\", \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", "
                + "\"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"filters\": 16, \"kernel_size\": [3, 3]",
                "\"name\": \"Conv1\", \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", "
                + "\"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"filters\": 16, \"kernel_size\": [5, 5]");
        assertTrue(!bad.equals(config), "Conv1's config was found");
        byte[] zip = TestFiles.zip(true, "metadata.json", TestFiles.zipEntryBytes(keras, "metadata.json"),
                "config.json", bad.getBytes(java.nio.charset.StandardCharsets.UTF_8), "model.weights.h5", TestFiles.zipEntryBytes(keras, "model.weights.h5"));
        WeightMismatchException e = assertThrows(WeightMismatchException.class, () -> KerasModel.load(zip, "transfer.keras"));
        String m = e.getMessage();
        assertTrue(m.contains("layer 'mobilenetv2_0.35_96/Conv1' (Conv2D)") && m.contains("(3, 3, 3, 16)") && m.contains("(5, 5, 3, 16)"), m);
    }
}
