package org.convscope.keras;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convscope.keras.h5.H5File;

/**
 * One fixture model in one format, as the fuzz suite mutates it: the file's bytes, its config text,
 * the structure offsets of its HDF5 part (and of its zip headers), and what it loads to when intact.
 *
 * @param id        the fixture path, for example {@code keras3/zoo_conv.keras}
 * @param fileName  the name the mutated file gets
 * @param bytes     the file (for WEIGHTS: the {@code .weights.h5})
 * @param config    the model config JSON (model_config, or config.json)
 * @param metadata  metadata.json (KERAS only, else null)
 * @param weightsH5 the HDF5 that holds the weights (the file itself, or the zip's model.weights.h5)
 * @param h5Marks   structure offsets of {@code weightsH5}
 * @param zipMarks  offsets of the zip's headers (KERAS only, else empty)
 * @param print     the intact model's weights
 * @param summary   the intact model's summary
 */
record FuzzTarget(String id, FuzzFormat format, String fileName, byte[] bytes, String config, byte[] metadata, byte[] weightsH5,
                  int[] h5Marks, int[] zipMarks, WeightPrint print, String summary) {

    /** The architecture file of a WEIGHTS target. */
    static final String ARCH_NAME = "architecture.json";

    private static final String[] H5 = {"keras2/conv2d_tensorflow_2.h5", "keras2/cnn_batch_norm.h5", "keras2/sepconv2d_tensorflow_2.h5",
            "keras3/zoo_act_merge.h5", "keras3/zoo_conv.h5", "keras3/zoo_pool_norm.h5", "keras3/kaggle_custom_convnet.h5",
            "keras3/convnet_512.h5", "trained/gender_mini_XCEPTION.21-0.95.hdf5", "trained/fer2013_big_XCEPTION.54-0.66.hdf5"};
    private static final String[] KERAS = {"keras3/zoo_act_merge", "keras3/zoo_conv", "keras3/zoo_pool_norm", "keras3/kaggle_custom_convnet"};

    /** Every fixture model in every format it exists in (WEIGHTS: each .keras's weights with its config.json). */
    static List<FuzzTarget> all() throws Exception {
        List<FuzzTarget> out = new ArrayList<>();
        for (String f : H5) {
            Path p = Fixtures.file(f);
            byte[] b = Files.readAllBytes(p);
            String config;
            try (H5File h = H5File.open(f, b)) {
                config = h.stringAttribute("/", "model_config").orElseThrow();
            }
            KerasModel m = KerasModel.load(p);
            out.add(new FuzzTarget(f, FuzzFormat.H5, p.getFileName().toString(), b, config, null, b, Hdf5Landmarks.of(b), new int[0],
                    WeightPrint.of(m), m.summary()));
        }
        for (String k : KERAS) {
            Path p = Fixtures.file(k + ".keras");
            byte[] zip = Files.readAllBytes(p);
            String config = TestFiles.zipEntryText(p, "config.json");
            byte[] meta = TestFiles.zipEntryBytes(p, "metadata.json");
            byte[] weights = TestFiles.zipEntryBytes(p, "model.weights.h5");
            KerasModel m = KerasModel.load(p);
            int[] h5Marks = Hdf5Landmarks.of(weights);
            out.add(new FuzzTarget(k + ".keras", FuzzFormat.KERAS, p.getFileName().toString(), zip, config, meta, weights, h5Marks,
                    zipMarks(zip), WeightPrint.of(m), m.summary()));
            String base = p.getFileName().toString().replace(".keras", "");
            out.add(new FuzzTarget(k + ".weights.h5", FuzzFormat.WEIGHTS, base + ".weights.h5", weights, config, null, weights, h5Marks,
                    new int[0], WeightPrint.of(m), m.summary()));
        }
        return out;
    }

    private static int[] zipMarks(byte[] zip) {
        List<Integer> at = new ArrayList<>();
        for (byte kind : new byte[] {3, 1, 5}) {
            byte[] sig = {'P', 'K', kind, (byte) (kind + 1)};
            for (int i = Hdf5Landmarks.indexOf(zip, sig, 0); i >= 0; i = Hdf5Landmarks.indexOf(zip, sig, i + 1)) at.add(i);
        }
        return at.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** True for a functional model (its layers name their inputs, so the graph can be given a cycle). */
    boolean functional() { return config.contains("\"inbound_nodes\": [{") || config.contains("\"inbound_nodes\": [[["); }

    /** The architecture bytes of a WEIGHTS target. */
    byte[] architecture() { return config.getBytes(StandardCharsets.UTF_8); }

    @Override
    public String toString() { return id; }
}
