package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;
import org.convscope.viz.maps.FeatureMapOptions;
import org.convscope.viz.report.HtmlReport;
import org.convscope.viz.report.ReportInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir Path dir;

    @Test
    void reportFolderHoldsIndexAndEveryPictureItLinks() throws IOException {
        Graph g = TinyModels.tinyConvNet(7);
        Tensor x = TinyModels.random(new Random(1), 1, 8, 8, 3);
        Tensor shown = x.copy();
        for (int i = 0; i < shown.size(); i++) shown.data()[i] = Math.max(0, Math.min(1, shown.data()[i] + 0.5f));
        List<String> classes = List.of("cat", "dog", "bird");
        ReportInput in = new ReportInput("tiny.h5", g, "summary <table> & co", classes, x, shown, "random image", FeatureMapOptions.defaults(), 32);
        Path out = dir.resolve("rep");
        HtmlReport.Result r = HtmlReport.write(in, out, null);

        String html = Files.readString(r.index(), StandardCharsets.UTF_8);
        List<String> srcs = HtmlReport.imageSources(html);
        Set<String> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).collect(Collectors.toCollection(TreeSet::new));
        }
        for (String src : srcs) assertTrue(Files.isRegularFile(out.resolve(src)), "index.html links " + src + " which exists");
        assertEquals(files, new TreeSet<>(srcs), "every PNG in the folder is linked, and only those");
        for (Path p : r.pictures()) assertTrue(files.contains(p.getFileName().toString()), p.toString());
        // input + conv1 (maps, kernels, RGB filters) + sep (maps, depthwise kernels, pointwise kernels)
        assertEquals(Set.of("input.png", "01-conv1-maps.png", "01-conv1-kernels.png", "01-conv1-filters-rgb.png",
                "02-sep-maps.png", "02-sep-kernels.png", "02-sep-pointwise.png"), files);

        // the prediction is the model's own, with its class name
        float[] p = g.predict(x).data();
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        assertEquals(classes.get(best), r.prediction().top().name());
        assertEquals(p[best], r.prediction().top().score());
        assertTrue(html.contains("<strong>" + classes.get(best) + "</strong>"), "top class in the header");
        assertTrue(html.contains("summary &lt;table&gt; &amp; co"), "summary escaped");
        assertEquals(g.nodes().size(), r.run().records().size(), "one timing row per layer");
        assertTrue(html.contains("id=\"01-conv1\"") && html.contains("id=\"02-sep\""));
    }
}
