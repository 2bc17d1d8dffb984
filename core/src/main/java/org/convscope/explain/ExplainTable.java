package org.convscope.explain;

import java.util.ArrayList;
import java.util.List;
import org.convscope.geometry.ConvGeometry;

/**
 * Renders a {@link ModelExplanation} as plain text: one row per layer (output shape, params,
 * FLOPs, GEMM, im2col size, receptive field, jump), under each convolution or pooling layer an
 * indented line with its output-size formula, padding split and kernel count; totals at the end.
 * {@link #renderLayer} prints every explanation line of one layer.
 */
public final class ExplainTable {
    private static final String[] HEAD = {"layer (class)", "output", "params", "FLOPs", "GEMM M×K×N", "im2col", "RF", "jump"};

    private ExplainTable() {}

    /**
     * {@return the whole table: a header line explaining the columns, one row per node with the
     * "how" lines under windowed layers, then the total parameters and FLOPs per image}
     *
     * @param e the explanation to render
     */
    public static String render(ModelExplanation e) {
        List<String[]> rows = new ArrayList<>();
        for (LayerExplanation l : e.layers()) {
            rows.add(new String[] {
                    l.name() + " (" + l.kerasClass() + ")",
                    Numbers.shape(l.outputShape()),
                    l.params() == 0 ? "-" : Numbers.count(l.params()),
                    l.flops() == 0 ? "-" : Numbers.si(l.flops()),
                    l.gemm() == null ? "-" : l.gemm().text(),
                    l.im2colFloats() == 0 ? "-" : Numbers.bytes(l.im2colFloats() * 4),
                    l.field() == null ? "?" : l.field().sizeText(),
                    l.field() == null ? "?" : l.field().jumpText()});
        }
        int[] w = new int[HEAD.length];
        for (int i = 0; i < w.length; i++) w[i] = HEAD[i].length();
        for (String[] r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        sb.append("Model \"").append(e.model()).append("\", per image (batch 1). FLOPs = 2 × multiply-adds of the conv and dense layers;")
                .append(" RF = receptive field on the input image; jump = product of strides.\n");
        line(sb, w, HEAD);
        int total = 0;
        for (int x : w) total += x + 2;
        sb.append("-".repeat(total - 2)).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            line(sb, w, rows.get(i));
            for (String how : how(e.layers().get(i))) sb.append("    ").append(how).append('\n');
        }
        sb.append("-".repeat(total - 2)).append('\n');
        sb.append("Total params: ").append(Numbers.count(e.totalParams())).append('\n');
        sb.append("FLOPs per image: ").append(Numbers.count(e.totalFlops())).append(" (").append(Numbers.si(e.totalFlops())).append(")\n");
        return sb.toString();
    }

    /** The short "how" lines under a layer's row: formula, padding, dilation, kernel count. */
    static List<String> how(LayerExplanation l) {
        List<String> out = new ArrayList<>();
        ConvGeometry g = l.window();
        if (g == null) return out;
        String how = Numbers.shape(l.inputShapes().get(0)) + " → " + Numbers.shape(l.outputShape()) + ": " + l.details().get(1);
        how += "; pad t/b/l/r " + g.padTop() + "/" + g.padBottom() + "/" + g.padLeft() + "/" + g.padRight();
        if (g.dilationH() > 1 || g.dilationW() > 1) how += "; dilated kernel spans " + g.dilatedKh() + "x" + g.dilatedKw();
        out.add(how);
        for (String d : l.details()) {
            if (d.contains(" kernels of ") || d.startsWith(Explainer.PATH_PREFIX)) out.add(d);
        }
        return out;
    }

    /**
     * {@return every explanation line of one layer, under a "name (class)" heading, each indented by
     * two spaces}
     *
     * @param l the layer's explanation
     */
    public static String renderLayer(LayerExplanation l) {
        StringBuilder sb = new StringBuilder();
        sb.append(l.name()).append(" (").append(l.kerasClass()).append(")\n");
        for (String d : l.details()) sb.append("  ").append(d).append('\n');
        return sb.toString();
    }

    private static void line(StringBuilder sb, int[] w, String[] cells) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean right = i >= 2 && i != 4;        // numbers right-aligned
            String c = cells[i];
            String pad = " ".repeat(w[i] - c.length());
            l.append(right ? pad + c : c + pad);
            if (i < cells.length - 1) l.append("  ");
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
