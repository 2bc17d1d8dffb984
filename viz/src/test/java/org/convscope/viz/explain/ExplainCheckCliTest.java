package org.convscope.viz.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.convscope.keras.KerasModel;
import org.convscope.keras.check.ReferenceData;
import org.convscope.keras.check.ReferenceFile;
import org.convscope.keras.check.ReferenceLayer;
import org.convscope.tensor.Tensor;
import org.convscope.viz.TestFixtures;
import org.convscope.viz.cli.Main;
import org.convscope.viz.model.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convscope explain} and {@code convscope check}: outputs and exit codes 0 / 1 / 2, one-line errors. */
class ExplainCheckCliTest {
    @TempDir Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path fixture(String relative) {
        return TestFixtures.root().resolve(relative);
    }

    static void usage(Run r, String mentions) {
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.err().contains(mentions), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one error line: " + r.err());
    }

    @Test
    void explainTheBundledModel() {
        Run r = run("explain");
        assertEquals(0, r.code(), r.err());
        long params = KerasModel.load(ModelLoader.extractDefault(ModelLoader.DEFAULT_MODEL)).totalParams();
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "Total params: %,d", params)), r.out());
        assertTrue(r.out().contains("conv2d_1 (Conv2D)") && r.out().contains("valid: floor((64 − 3) / 2) + 1 = 31"), r.out());
        Run one = run("explain", "--layer", "conv2d_5");
        assertEquals(0, one.code());
        assertTrue(one.out().contains("7 filters on 256 input channels = 1,792 kernels of 3x3"), one.out());
        assertTrue(one.out().contains("receptive field: one output cell sees 59x59 input cells"), one.out());
        usage(run("explain", "--layer", "nope"), "has no layer 'nope'");
        usage(run("explain", "--stride", "2"), "--stride is an option of --demo");
    }

    @Test
    void demoAndItsOptions() {
        Run d = run("explain", "--demo");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("im2col") && d.out().contains("equal: every value is the same"), d.out());
        Run s = run("explain", "--demo", "--padding", "same", "--stride", "2", "--channels", "2", "--dilation", "1");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("pad top/bottom/left/right = 0/1/0/1"), s.out());
        usage(run("explain", "--demo", "--padding", "diagonal"), "--padding");
        usage(run("explain", "--demo", "--dilation", "3"), "dilated kernel");
        usage(run("explain", "--demo", "--channels", "9"), "--channels");
        usage(run("explain", "--demo", "--stride", "x"), "--stride");
    }

    @Test
    void receptiveFieldPicture() throws Exception {
        Path png = tmp.resolve("rf.png");
        Run r = run("explain", "--layer", "conv2d_3", "--receptive-field", png.toString(), "--channel", "0", "--at", "12,2");
        assertEquals(0, r.code(), r.err());
        // conv2d_3 (1x1 s2 on 29) cell 12 -> conv2d_2 row 24 -> rows 24..26 of conv2d_1 -> input rows 48..54 (3x3 s2)
        assertTrue(r.out().contains("sees input rows 48–54, columns 8–14: a 7x7 receptive field"), r.out());
        assertEquals(256, ImageIO.read(png.toFile()).getWidth());
        usage(run("explain", "--receptive-field", png.toString(), "--at", "99,0"), "outside");
    }

    @Test
    void checkPassesFailsAndReportsUsage() throws Exception {
        Path model = fixture("keras3/zoo_conv.h5"), ref = fixture("keras3/zoo_conv.io.h5");
        Run ok = run("check", model.toString(), ref.toString());
        assertEquals(0, ok.code(), ok.err() + ok.out());
        assertTrue(ok.out().contains("PASS: all 25 layers"), ok.out());

        // one value changed in one layer, written as a real HDF5 file
        ReferenceData data = ReferenceFile.read(ref);
        ReferenceLayer k7 = data.layers().get("conv_k7_valid");
        Tensor changed = k7.full().copy();
        changed.data()[7] += 1f;
        Path bad = tmp.resolve("bad.io.h5");
        write(data.with(ReferenceLayer.full("conv_k7_valid", k7.className(), changed)), bad);
        Run fail = run("check", model.toString(), bad.toString());
        assertEquals(1, fail.code(), fail.err() + fail.out());
        assertTrue(fail.out().contains("FAIL: 1 of 25 layers") && fail.out().contains("first: conv_k7_valid"), fail.out());
        assertTrue(fail.out().lines().anyMatch(l -> l.startsWith("conv_k7_valid ") && l.contains("FAIL")), fail.out());

        Run json = run("check", model.toString(), bad.toString(), "--json", "--layers", "conv_k7_valid,conv_k1");
        assertEquals(1, json.code());
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertFalse(j.get("passed").asBoolean());
        assertEquals(2, j.get("rows").size());
        assertEquals("conv_k7_valid", j.get("worstLayer").asText());

        // a reference from another model: every row FAILs, exit 1
        Run other = run("check", model.toString(), fixture("keras3/zoo_pool_norm.io.h5").toString());
        assertEquals(1, other.code());
        assertTrue(other.out().contains("does not fit the model input"), other.out());

        usage(run("check", model.toString(), ref.toString(), "--tolerance", "-1"), "--tolerance");
        usage(run("check", model.toString(), ref.toString(), "--layers", "nope"), "has no layer 'nope'");
        usage(run("check", model.toString()), "REFERENCE");
        Run missing = run("check", model.toString(), tmp.resolve("missing.h5").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("missing.h5") && missing.err().strip().lines().count() == 1, missing.err());
    }

    /** Writes /input and /outputs/<layer> (with class_name) like h5py would. */
    static void write(ReferenceData ref, Path file) {
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("input", nested(ref.input()));
            WritableGroup outputs = out.putGroup("outputs");
            for (ReferenceLayer l : ref.layers().values()) {
                outputs.putDataset(l.name(), nested(l.full())).putAttribute("class_name", l.className());
            }
        }
    }

    static Object nested(Tensor t) {
        int[] shape = t.shape();
        Object arr = Array.newInstance(float.class, shape);
        int[] pos = {0};
        fill(arr, shape, 0, t.data(), pos);
        return arr;
    }

    private static void fill(Object arr, int[] shape, int axis, float[] d, int[] pos) {
        if (axis == shape.length - 1) {
            float[] row = (float[]) arr;
            System.arraycopy(d, pos[0], row, 0, row.length);
            pos[0] += row.length;
            return;
        }
        for (int i = 0; i < shape[axis]; i++) fill(Array.get(arr, i), shape, axis + 1, d, pos);
    }
}
