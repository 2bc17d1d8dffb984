package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.convscope.activation.Activations;
import org.convscope.graph.Graph;
import org.convscope.graph.GraphBuilder;
import org.convscope.layers.ActivationLayer;
import org.convscope.layers.BatchNormalization;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Dense;
import org.convscope.layers.GlobalAveragePooling2D;
import org.convscope.geometry.Padding;
import org.convscope.tensor.Tensor;
import org.convscope.viz.cli.Main;
import org.convscope.viz.features.FeatureReport;
import org.convscope.viz.maps.FeatureMapOptions;
import org.convscope.viz.model.ModelLoader;
import org.convscope.viz.report.HtmlReport;
import org.convscope.viz.report.Prediction;
import org.convscope.viz.report.ReportInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report at the scale of deep models: budget, chosen filter layers, collapsed sections, binary outputs; CLI checks of issue 22. */
class ReportScaleTest {
    @TempDir Path dir;

    /** input 24x24x3, then {@code n} blocks conv 3x3 (4 filters) → BatchNormalization → ReLU, global pooling, one sigmoid unit. */
    static Graph deep(int n, long seed) {
        Random r = new Random(seed);
        GraphBuilder b = Graph.builder("deep").input("input", -1, 24, 24, 3);
        int cin = 3;
        for (int i = 1; i <= n; i++) {
            b.then(new Conv2D("conv" + i, TinyModels.random(r, 3, 3, cin, 4), TinyModels.random(r, 4), new int[]{1, 1}, Padding.SAME, new int[]{1, 1}, 1, null));
            b.then(new BatchNormalization("bn" + i, -1, 1e-3f, Tensor.full(1f, 4), Tensor.full(0.1f, 4), Tensor.zeros(4), Tensor.full(1f, 4)));
            b.then(new ActivationLayer("relu" + i, Activations.get("relu")));
            cin = 4;
        }
        return b.then(new GlobalAveragePooling2D("gap", false)).then(new Dense("out", TinyModels.random(r, 4, 1), TinyModels.random(r, 1), Activations.get("sigmoid")))
                .outputs("out").build();
    }

    static ReportInput input(Graph g, List<String> classes) {
        Tensor x = TinyModels.random(new Random(3), 1, 24, 24, 3);
        Tensor shown = x.copy();
        for (int i = 0; i < shown.size(); i++) shown.data()[i] = Math.max(0, Math.min(1, shown.data()[i] + 0.5f));
        return new ReportInput("deep_model_with_a_long_file_name_like_transfer_mobilenetv2.keras", g, "summary", classes, x, shown, "random image", FeatureMapOptions.defaults(), 8);
    }

    @Test
    void manyLayersAreCollapsedAndFilterImagesGoToAFewLayers() throws Exception {
        Graph g = deep(14, 1);
        Path out = dir.resolve("rep");
        List<String> log = new ArrayList<>();
        HtmlReport.Result r = HtmlReport.write(input(g, List.of("cat", "dog")), out, null, log::add, FeatureReport.Options.defaults().withBudget(60));
        String html = Files.readString(r.index(), StandardCharsets.UTF_8);
        for (String src : HtmlReport.imageSources(html)) assertTrue(Files.isRegularFile(out.resolve(src)), src);
        // 14 sections: collapsed, the first two and the last open
        assertEquals(14, html.split("<details class=\"layer\"", -1).length - 1, "one <details> per conv layer");
        assertTrue(html.contains("<details class=\"layer\" id=\"01-conv1\" open>") && html.contains("<details class=\"layer\" id=\"14-conv14\" open>"), "first and last open");
        assertTrue(html.contains("<details class=\"layer\" id=\"05-conv5\">"), "middle ones closed");
        // filter images of at most 4 layers, the first and the last among them
        List<String> filterPngs;
        try (var s = Files.list(out)) {
            filterPngs = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("filters-")).sorted().toList();
        }
        assertTrue(filterPngs.size() >= 2 && filterPngs.size() <= 4, filterPngs.toString());
        assertTrue(filterPngs.contains("filters-01-conv1.png") && filterPngs.contains("filters-14-conv14.png"), filterPngs.toString());
        assertTrue(html.contains("--filter-layers NAME"), "the page says how to draw other layers");
        // statistics measured after BatchNormalization and ReLU
        assertTrue(html.contains("after bn1 → relu1:") && html.contains("switched off by the ReLU"), "section statistics after the activation");
        // a single sigmoid unit is two classes
        assertEquals(2, r.prediction().ranked().size());
        assertEquals(1.0, r.prediction().ranked().get(0).score() + r.prediction().ranked().get(1).score(), 1e-6);
        assertTrue(html.contains("<th>cat</th>") && html.contains("<th>dog</th>"), "both class names on the page");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("filter images 1/")) && log.stream().anyMatch(l -> l.contains("about")), "milestones with estimates: " + log);
        assertTrue(html.contains("class=\"scroll\""), "the statistics table scrolls in its own box");
    }

    @Test
    void aBudgetThatIsSpentLeavesTheFilterImagesOutAndSaysSo() throws Exception {
        Graph g = deep(3, 2);
        Path out = dir.resolve("rep");
        // 1 ms for the whole report: the filter images do not fit
        HtmlReport.Result r = HtmlReport.write(input(g, List.of()), out, null, null, FeatureReport.Options.defaults().withBudget(0.001));
        String html = Files.readString(r.index(), StandardCharsets.UTF_8);
        assertTrue(html.contains("Left out to stay within the time budget"), "the page names what was left out");
        try (var s = Files.list(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("filters-")), "no filter images");
        }
        assertTrue(Files.isRegularFile(out.resolve("gradcam.png")), "attribution comes first");
        assertTrue(html.contains("class 1") && html.contains("binary classifier"), "unnamed binary classes");
    }

    @Test
    void autoLayersArePriorityOrdered() {
        Graph g = deep(9, 3);
        List<String> convs = new ArrayList<>();
        for (int i = 1; i <= 9; i++) convs.add("conv" + i);
        List<String> picked = FeatureReport.autoLayers(g, convs, 4);
        assertEquals(List.of("conv1", "conv9", "conv4", "conv6"), picked);
        assertEquals(List.of("conv1"), FeatureReport.autoLayers(g, convs, 1));
    }

    @Test
    void binaryOutputsAndClassNames() {
        Prediction p = Prediction.of(Tensor.of(new float[]{0.8f}, 1, 1), List.of("car", "truck"));
        assertEquals("truck", p.top().name());
        assertEquals(0.8f, p.top().score(), 1e-6);
        assertEquals("car", p.ranked().get(1).name());
        assertTrue(p.note().contains("probability of 'truck'"), p.note());
        Prediction logit = Prediction.of(Tensor.of(new float[]{-2f}, 1, 1), null);
        assertEquals("class 0", logit.top().name(), "a negative logit favours class 0");
        Prediction wrong = Prediction.of(Tensor.of(new float[]{0.1f, 0.2f, 0.7f}, 1, 3), List.of("a", "b"));
        assertFalse(wrong.named());
        assertTrue(wrong.note().contains("2 class names given for 3 classes"), wrong.note());
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), args);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void commandLineErrorsOfIssue22() {
        Path model = ModelLoader.extractDefault(ModelLoader.DEFAULT_MODEL), image = ModelLoader.extractDefault(ModelLoader.DEFAULT_IMAGE);
        Run swapped = run("maps", model.toString(), model.toString(), "-o", dir.resolve("m.png").toString());
        assertEquals(1, swapped.code());
        assertTrue(swapped.err().contains("this is a Keras/HDF5 model file") && !swapped.err().contains("first bytes"), swapped.err());
        Run imageAsModel = run("kernels", image.toString());
        assertTrue(imageAsModel.err().contains("this is a PNG image, not a Keras model file"), imageAsModel.err());
        Run classes = run("report", model.toString(), image.toString(), "--classes", "a,b", "-o", dir.resolve("r").toString());
        assertEquals(2, classes.code());
        assertTrue(classes.err().contains("--classes: 2 names given") && classes.err().contains("has 7 classes"), classes.err());
        Run past = run("kernels", model.toString(), "--layer", "conv2d_2", "--filters", "60:10", "-o", dir.resolve("k.png").toString());
        assertEquals(2, past.code());
        assertTrue(past.err().contains("has 64 filters (0–63)") && past.err().contains("60:4"), past.err());
        Run blame = run("pipeline", image.toString(), "--kernel", model + ":add_2", "-o", dir.resolve("p.png").toString());
        assertEquals(2, blame.code());
        assertTrue(blame.err().contains("--kernel ") && !blame.err().contains("--layer"), blame.err());
        Run caffe = run("maps", model.toString(), image.toString(), "--preprocess", "caffe", "-o", dir.resolve("m.png").toString());
        assertEquals(2, caffe.code());
        assertTrue(caffe.err().contains("RGB images") && caffe.err().contains("1 channel"), caffe.err());
        Run range = run("maps", model.toString(), image.toString(), "--range", "0:255", "-o", dir.resolve("m.png").toString());
        assertEquals(0, range.code(), range.err());
        Run badRange = run("maps", model.toString(), image.toString(), "--range", "1:0", "-o", dir.resolve("m.png").toString());
        assertEquals(2, badRange.code());
        Run typo = run("maps", model.toString(), image.toString(), "--preprocess", "torhc");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("did you mean 'torch'?"), typo.err());
    }
}
