package org.convscope.viz.explain;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.tensor.Tensor;
import org.convscope.viz.model.ConvLayers;
import org.convscope.viz.render.Png;

/**
 * The report's receptive-field section: for the deepest convolution layer, the input region its
 * strongest cell sees ({@link ReceptiveFieldPicture}), as a PNG and an HTML fragment.
 */
public final class ReceptiveFieldSection {
    /** The PNG's file name inside the report folder. */
    public static final String FILE = "receptive-field.png";

    private ReceptiveFieldSection() {}

    /**
     * {@return the name of the deepest (last in execution order) convolution layer with an
     * image-shaped (rank 4) output, or null when there is none}
     *
     * @param graph the model
     */
    public static String deepestConv(Graph graph) {
        List<String> convs = ConvLayers.names(graph);
        for (int i = convs.size() - 1; i >= 0; i--) {
            if (graph.shapeOf(convs.get(i)).length == 4) return convs.get(i);
        }
        return null;
    }

    /**
     * Writes the picture into {@code dir} and returns the section's HTML ("" when the model has no
     * conv layer, the activation was not kept, or the image does not match the model input).
     *
     * @param graph      the model
     * @param kept       activations by layer name (must hold the deepest conv layer's, for one image)
     * @param shownImage the input for display, {@code [1, H, W, 1 or 3]} in [0, 1]
     * @param dir        the report folder; {@link #FILE} is written (replaced) there
     * @param pictures   the written PNG is added here
     * @return the section's HTML, or "" when there is nothing to show
     * @throws java.io.UncheckedIOException naming the file when the PNG cannot be written
     */
    public static String write(Graph graph, Map<String, Tensor> kept, Tensor shownImage, Path dir, List<Path> pictures) {
        String layer = deepestConv(graph);
        if (layer == null || kept.get(layer) == null || kept.get(layer).dim(0) != 1) return "";
        ReceptiveFieldPicture.Result r;
        try {
            r = ReceptiveFieldPicture.render(graph, layer, kept.get(layer), -1, null, shownImage);
        } catch (IllegalArgumentException e) {
            return "";    // e.g. a display image of another size: the report goes on without this section
        }
        Path png = dir.resolve(FILE);
        Png.write(r.image(), png);
        pictures.add(png);
        return "<section class=\"layer\" id=\"receptive-field\">\n<h3>Receptive field of " + esc(layer) + "</h3>\n"
                + "<div class=\"figs\">\n<figure><img src=\"" + FILE + "\" alt=\"The input region seen by one cell of " + esc(layer)
                + "\"><figcaption>" + esc(r.caption()) + " The receptive field grows with every window a path goes through"
                + " (by (k − 1) × the jump so far); strides multiply the jump. Try <code>convscope explain</code> for every layer's numbers."
                + "</figcaption></figure>\n</div>\n</section>\n";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
