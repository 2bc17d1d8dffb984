package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files turned bad: each must give a {@link KerasLoadException} whose message names the file
 * and says what was expected — never a stack trace from inside jhdf or Jackson.
 */
class BadInputTest {
    @TempDir Path dir;

    private static Path kaggleH5() { return Fixtures.file("keras3/kaggle_custom_convnet.h5"); }
    private static Path kaggleKeras() { return Fixtures.file("keras3/kaggle_custom_convnet.keras"); }
    private static Path kaggleWeights() { return Fixtures.file("keras3/kaggle_custom_convnet.weights.h5"); }

    private static KerasLoadException fails(Path file, String... mustContain) {
        KerasLoadException e = assertThrows(KerasLoadException.class, () -> KerasModel.load(file));
        check(e, file, mustContain);
        return e;
    }

    private static KerasLoadException failsWeights(Path weights, Path arch, String... mustContain) {
        KerasLoadException e = assertThrows(KerasLoadException.class, () -> KerasModel.load(weights, arch));
        check(e, null, mustContain);
        return e;
    }

    private static void check(KerasLoadException e, Path file, String... mustContain) {
        String m = e.getMessage();
        System.out.println("BAD INPUT " + e.getClass().getSimpleName() + ": " + m.substring(0, Math.min(m.length(), 400)));
        if (file != null) assertTrue(m.contains(file.toString()), "message should name the file " + file + ": " + m);
        for (String s : mustContain) assertTrue(m.contains(s), "message should contain '" + s + "': " + m);
    }

    private String kaggleConfig() throws Exception {
        return TestFiles.zipEntryText(kaggleKeras(), "config.json");
    }

    // ---- damaged files ----

    @Test
    void truncatedHdf5IsACorruptFile() throws Exception {
        byte[] b = Files.readAllBytes(kaggleH5());
        for (int len : new int[] {0, 7, 100, 4000, b.length / 2, b.length - 1000}) {
            Path p = TestFiles.write(dir, "trunc" + len + ".h5", Arrays.copyOf(b, len));
            fails(p);
        }
    }

    @Test
    void truncatedKerasZipIsACorruptFile() throws Exception {
        byte[] b = Files.readAllBytes(kaggleKeras());
        for (int len : new int[] {10, 2000, b.length / 2, b.length - 100}) {
            Path p = TestFiles.write(dir, "trunc" + len + ".keras", Arrays.copyOf(b, len));
            fails(p);
        }
    }

    @Test
    void flippedBytesInTheHdf5StructureAreReportedWithTheFileName() throws Exception {
        byte[] b = Files.readAllBytes(Fixtures.file("keras3/zoo_conv.h5"));
        // superblock, root object header and the first kilobytes of metadata
        int[] offsets = {0, 9, 13, 24, 40, 48, 60, 96, 200, 300, 700, 800, 1000, 1500, 2100, 3000};
        for (int off : offsets) {
            byte[] bad = b.clone();
            bad[off] ^= (byte) 0xFF;
            Path p = TestFiles.write(dir, "flip" + off + ".h5", bad);
            try {
                KerasModel.load(p); // some flips hit unused bytes; loading may then succeed
            } catch (KerasLoadException e) {
                assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
            }
        }
        byte[] sig = b.clone();
        sig[1] = 'X';
        fails(TestFiles.write(dir, "nosig.h5", sig), "no HDF5 signature");
    }

    @Test
    void aRenamedFormatIsRecognisedByItsBytes() throws Exception {
        // a .keras renamed .h5 is still a .keras: content decides
        Path renamed = TestFiles.write(dir, "model.h5", Files.readAllBytes(kaggleKeras()));
        assertEquals(291_405, KerasModel.load(renamed).totalParams());
        // a PNG renamed .h5 is neither HDF5 nor zip
        fails(TestFiles.write(dir, "picture.h5", Files.readAllBytes(Fixtures.file("images/chelsea.png"))), "neither HDF5");
        // an ONNX file renamed .keras
        fails(TestFiles.write(dir, "onnx.keras", Files.readAllBytes(Fixtures.file("onnx/conv3_only.onnx"))), "neither HDF5");
    }

    // ---- other formats ----

    @Test
    void otherFormatsSayWhatIsSupported() throws Exception {
        Path saved = Files.createDirectory(dir.resolve("saved_model_dir"));
        Files.write(saved.resolve("saved_model.pb"), new byte[] {8, 1});
        assertInstanceOf(UnsupportedFormatException.class, fails(saved, "SavedModel", "supported"));
        fails(TestFiles.write(dir, "graph.pb", new byte[] {0x0a, 0x10, 1, 2, 3}), "protobuf", "supported");
        assertInstanceOf(UnsupportedFormatException.class, fails(Fixtures.file("onnx/conv3_only.onnx"), "ONNX", ".keras"));
        fails(TestFiles.write(dir, "model.pt", new byte[] {(byte) 0x80, 2, 0x63, 0x6f}), "PyTorch", "supported");
        fails(TestFiles.write(dir, "torch.pt", TestFiles.zip(false, "archive/data.pkl", new byte[] {1})), "PyTorch");
        fails(dir.resolve("does-not-exist.h5"), "no such file");
    }

    // ---- wrong loader / wrong pieces ----

    @Test
    void aWeightsOnlyFileToTheFullModelLoaderNamesTheOtherOverload() {
        fails(kaggleWeights(), "weights-only", "KerasModel.load(weights, architecture)");
    }

    @Test
    void aJsonArchitectureAloneNamesTheOtherOverload() throws Exception {
        fails(TestFiles.write(dir, "arch.json", kaggleConfig()), "KerasModel.load(weights, architecture)");
    }

    @Test
    void invalidJsonIsAnInvalidConfig() throws Exception {
        Path arch = TestFiles.write(dir, "arch.json", "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [");
        assertInstanceOf(InvalidConfigException.class, failsWeights(kaggleWeights(), arch, "arch.json", "JSON"));
    }

    // ---- layers refused ----

    @Test
    void lambdaLayersAreRefusedBecauseTheyHoldCode() throws Exception {
        String cfg = kaggleConfig().replaceFirst("\"class_name\": \"Flatten\"", "\"class_name\": \"Lambda\"");
        Path arch = TestFiles.write(dir, "lambda.json", cfg);
        assertInstanceOf(UnsupportedLayerException.class, failsWeights(kaggleWeights(), arch, "flatten", "Lambda", "never executes"));
    }

    @Test
    void customLayersAreRefusedWithTheSupportedList() throws Exception {
        String cfg = kaggleConfig().replaceFirst("\"module\": \"keras.layers\", \"class_name\": \"Flatten\"",
                "\"module\": \"my_project.layers\", \"class_name\": \"MyFlatten\"");
        assertTrue(cfg.contains("MyFlatten"));
        Path arch = TestFiles.write(dir, "custom.json", cfg);
        failsWeights(kaggleWeights(), arch, "custom.json", "'flatten'", "MyFlatten", "Conv2D, Conv2DTranspose", "MaxPooling2D");
    }

    @Test
    void channelsFirstIsRefusedClearly() throws Exception {
        String cfg = kaggleConfig().replaceFirst("\"data_format\": \"channels_last\"", "\"data_format\": \"channels_first\"");
        Path arch = TestFiles.write(dir, "cf.json", cfg);
        assertInstanceOf(UnsupportedLayerException.class, failsWeights(kaggleWeights(), arch, "'conv2d' (Conv2D)", "channels_first", "channels_last"));
    }

    // ---- weights that do not fit ----

    @Test
    void misShapedWeightsNameBothShapes() throws Exception {
        String cfg = kaggleConfig().replaceFirst("\"units\": 6,", "\"units\": 7,");
        Path arch = TestFiles.write(dir, "units7.json", cfg);
        // Keras 3 layout, and the legacy layout of the .h5 used as the weights file
        assertInstanceOf(WeightMismatchException.class, failsWeights(kaggleWeights(), arch, "kaggle_custom_convnet.weights.h5",
                "/layers/dense/vars/0", "(32768, 6)", "(32768, 7)", "'dense' (Dense)"));
        failsWeights(kaggleH5(), arch, "/model_weights/dense/", "(32768, 6)", "(32768, 7)", "'dense' (Dense)");
    }

    @Test
    void missingWeightsAreNamed() throws Exception {
        // use_bias flipped on a layer that has a bias: the file holds one weight more than expected
        String cfg = kaggleConfig().replaceFirst("\"use_bias\": true", "\"use_bias\": false");
        Path arch = TestFiles.write(dir, "nobias.json", cfg);
        failsWeights(kaggleWeights(), arch, "'conv2d' (Conv2D)", "2 variables", "implies 1");
        // a Sequential with one more Dense at the end: no weights in the file for it
        String more = kaggleConfig().replace("\"name\": \"dense_1\"", "\"name\": \"dense_1\"");
        int at = more.lastIndexOf("{\"module\": \"keras.layers\", \"class_name\": \"Dense\"");
        int end = more.indexOf("]", more.indexOf("\"build_config\"", at)) + 3; // after "]}}"
        String dense = more.substring(at, end).replace("\"dense_1\"", "\"dense_extra\"").replace("[null, 6]", "[null, 1]");
        String withExtra = more.substring(0, end) + ", " + dense + more.substring(end);
        Path arch2 = TestFiles.write(dir, "extra_layer.json", withExtra);
        assertInstanceOf(WeightMismatchException.class, failsWeights(kaggleH5(), arch2, "'dense_extra' (Dense)", "no weights for it"));
    }

    @Test
    void extraWeightsInTheFileAreNamed() throws Exception {
        // drop the last Dense from the architecture: the file then holds weights nobody uses
        String cfg = kaggleConfig();
        int at = cfg.lastIndexOf(", {\"module\": \"keras.layers\", \"class_name\": \"Dense\"");
        int end = cfg.indexOf("]}", cfg.indexOf("\"build_config\"", at)) + 3; // after "]}}"
        String without = cfg.substring(0, at) + cfg.substring(end);
        assertTrue(!without.contains("dense_1"), "test setup: dense_1 removed");
        Path arch = TestFiles.write(dir, "fewer.json", without);
        failsWeights(kaggleWeights(), arch, "dense_1", "does not have");
        failsWeights(kaggleH5(), arch, "dense_1", "does not have");
    }

    // ---- zip archives ----

    @Test
    void aZipBombIsRefusedWhileInflating() throws Exception {
        byte[] spaces = new byte[80 << 20];
        Arrays.fill(spaces, (byte) ' ');
        byte[] bomb = TestFiles.zip(true, "metadata.json", "{}".getBytes(StandardCharsets.UTF_8), "config.json", spaces);
        assertTrue(bomb.length < 200_000, "the bomb is small: " + bomb.length);
        // an honest 80 MiB config.json is over the config budget: refused from the central directory, before inflating
        KerasLoadException e = fails(TestFiles.write(dir, "bomb.keras", bomb), "config.json", "83,886,080 bytes", "memory limit");
        assertInstanceOf(LoadLimitException.class, e);
        // a bomb in an entry convscope does not even need is refused too (it is not inflated past the cap)
        byte[] zeros = new byte[64 << 20];
        byte[] unused = TestFiles.zip(true, "assets/blob.bin", zeros, "config.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertTrue(unused.length < 100_000, "the bomb is small: " + unused.length);
        fails(TestFiles.write(dir, "bomb2.keras", unused), "assets/blob.bin", "zip bomb");
    }

    @Test
    void anEntryDeclaringAnAbsurdSizeIsRefusedBeforeInflating() throws Exception {
        byte[] z = TestFiles.zip(false, "config.json", "{}".getBytes(StandardCharsets.UTF_8));
        // local header: uncompressed size at offset 22 (little-endian); claim 3 GB
        z[22] = 0;
        z[23] = 0;
        z[24] = 0;
        z[25] = (byte) 0xC0;
        fails(TestFiles.write(dir, "claims.keras", z), "config.json");
    }

    @Test
    void aStoredEntryLargerThanTheArchiveIsRefusedBeforeAllocating() throws Exception {
        // found by LoaderFuzzTest (case 10959, 512 MiB heap): a STORED entry claiming 400 MiB was allocated before reading
        byte[] cfg = kaggleConfig().getBytes(StandardCharsets.UTF_8);
        byte[] weights = TestFiles.zipEntryBytes(kaggleKeras(), "model.weights.h5");
        byte[] z = RawZip.write(java.util.List.of(RawZip.Entry.stored("config.json", cfg),
                RawZip.Entry.stored("model.weights.h5", weights).withLocalSize(300L << 20)));
        // the central directory (true size) now refuses the lying local header before anything is read
        fails(TestFiles.write(dir, "claims-stored.keras", z), "model.weights.h5", "314572800", "central directory");
    }

    @Test
    void aBombThatLiesAboutItsSizeStopsAtTheRatioCap() throws Exception {
        // found by LoaderFuzzTest (case 7515, 512 MiB heap): 400 MiB of zeros inflated under the old 1100:1 cap
        byte[] zeros = new byte[40 << 20];
        RawZip.Entry bomb = RawZip.Entry.deflated("model.weights.h5", zeros).withLocalSize(100).withCentralSize(100);
        byte[] z = RawZip.write(java.util.List.of(RawZip.Entry.stored("config.json", kaggleConfig().getBytes(StandardCharsets.UTF_8)), bomb));
        assertTrue(z.length < 400_000, "the bomb is small: " + z.length);
        fails(TestFiles.write(dir, "lying-bomb.keras", z), "model.weights.h5", "to 1", "zip bomb");
    }

    @Test
    void aReferenceDatasetClaimingGigabytesIsRefusedBeforeAllocating() throws Exception {
        // found by ReferenceFuzzTest (case 345): three bit flips made /outputs/conv2d_1 declare 2.4 GB in a
        // 10 KB file, and the float array was allocated before the size was checked against the file
        byte[] b = Files.readAllBytes(Fixtures.file("keras2/conv2d_tensorflow_2.io.h5"));
        b[4259] ^= 1;
        b[3068] ^= 1 << 4;
        b[9018] ^= (byte) (1 << 7);
        Path p = TestFiles.write(dir, "bigref.io.h5", b);
        long before = TestFiles.allocatedBytes();
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> org.convscope.keras.check.ReferenceFile.read(p));
        long allocated = TestFiles.allocatedBytes() - before;
        assertTrue(e.getMessage().contains("bigref.io.h5") && e.getMessage().contains("2415919536 bytes at address"), e.getMessage());
        assertTrue(allocated < 64L << 20, "refused before allocating: " + (allocated >> 20) + " MiB allocated");
    }

    @Test
    void duplicateEntriesAreRefused() throws Exception {
        byte[] cfg = kaggleConfig().getBytes(StandardCharsets.UTF_8);
        byte[] z = TestFiles.zip(false, "config.json", cfg, "config.jsoX", "{}".getBytes(StandardCharsets.UTF_8));
        z = TestFiles.replaceAll(z, "config.jsoX", "config.json");
        fails(TestFiles.write(dir, "dup.keras", z), "'config.json' appears twice");
    }

    @Test
    void aKerasZipWithoutWeightsNamesTheMissingEntry() throws Exception {
        byte[] z = TestFiles.zip(false, "config.json", kaggleConfig().getBytes(StandardCharsets.UTF_8));
        fails(TestFiles.write(dir, "noweights.keras", z), "model.weights.h5");
    }

    // ---- API misuse ----

    @Test
    void anUnknownLayerNameListsTheLayers() {
        KerasModel m = KerasModel.load(Fixtures.file("keras2/conv2d_tensorflow_2.h5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.layer("conv9"));
        assertTrue(e.getMessage().contains("conv9") && e.getMessage().contains("conv2d_1"), e.getMessage());
    }
}
