package org.convscope.viz.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convscope.explain.Region;
import org.convscope.geometry.Padding;
import org.convscope.graph.Graph;
import org.convscope.layers.Conv2D;
import org.convscope.layers.MaxPooling2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receptive-field picture: the strongest cell, its region by hand, and the outline where it belongs. */
class ReceptiveFieldPictureTest {
    @TempDir java.nio.file.Path dir;

    /** conv 3x3 valid -> pool 2x2 -> conv 3x3 valid on 16x16 gray: the output (0,0) sees rows/cols 0..7. */
    static Graph stack() {
        return Graph.builder("stack").input("in", -1, 16, 16, 1)
                .then(new Conv2D("c1", Tensor.full(1f / 9, 3, 3, 1, 2), null, new int[] {1, 1}, Padding.VALID, new int[] {1, 1}, 1, null))
                .then(new MaxPooling2D("p", new int[] {2, 2}, null, Padding.VALID))
                .then(new Conv2D("c2", Tensor.full(1f / 18, 3, 3, 2, 3), null, new int[] {1, 1}, Padding.VALID, new int[] {1, 1}, 1, null))
                .build();
    }

    @Test
    void strongestCellAndItsRegion() {
        Graph g = stack();
        Tensor img = Tensor.zeros(1, 16, 16, 1);
        img.set(1f, 0, 9, 12, 0);                       // one bright pixel at row 9, column 12
        Tensor act = g.activations(img, List.of("c2")).get("c2");   // 5x5x3
        assertArrayEquals(new int[] {1, 5, 5, 3}, act.shape());
        ReceptiveFieldPicture.Result r = ReceptiveFieldPicture.render(g, "c2", act, 1, null, img);
        // c2 cell (oy, ox) sees pool rows oy..oy+2 -> c1 rows 2oy..2oy+5 -> input rows 2oy..2oy+7 (size 3 + 1 + 2*2 = 8)
        assertTrue(r.row() * 2 <= 9 && 9 <= r.row() * 2 + 7 && r.col() * 2 <= 12 && 12 <= r.col() * 2 + 7, r.caption());
        assertEquals(new Region(2L * r.row(), 2L * r.row() + 7, 2L * r.col(), 2L * r.col() + 7, false), r.region());
        assertEquals(8, r.field().height());
        assertEquals(2.0, r.field().jumpH());
        // by hand: c1 is 1/9 at rows 7..9, cols 10..12; the pool is 1/9 at rows 3..4, cols 5..6; c2 (mean of 3x3x2)
        // is largest (4 cells) where its window holds all four: rows 2..3, column 4 -> the first is (2, 4)
        assertEquals(2, r.row());
        assertEquals(4, r.col());
        assertEquals(4 * 2 / 18f / 9f, r.value(), 1e-6);
        // picture: 16 px enlarged 16x = 256; the region rows 4..11, cols 8..15 is outlined in red
        assertEquals(256, r.image().getWidth());
        assertEquals(ReceptiveFieldPicture.OUTLINE, r.image().getRGB(8 * 16, 4 * 16) & 0xFFFFFF);
        assertEquals(ReceptiveFieldPicture.OUTLINE, r.image().getRGB(16 * 16 - 1, 12 * 16 - 1) & 0xFFFFFF);
        // inside the region the image is undimmed (black, or white at the bright pixel), outside dimmed towards white
        assertEquals(0x000000, r.image().getRGB(9 * 16 + 8, 5 * 16 + 8) & 0xFFFFFF);
        assertEquals(0xFFFFFF, r.image().getRGB(12 * 16 + 8, 9 * 16 + 8) & 0xFFFFFF);
        assertEquals(0x999999, r.image().getRGB(8, 8) & 0xFFFFFF);
        assertTrue(r.caption().contains("sees input rows 4–11, columns 8–15: a 8x8 receptive field"), r.caption());
    }

    @Test
    void chosenCellAndErrors() {
        Graph g = stack();
        Tensor img = Tensor.full(0.5f, 1, 16, 16, 1);
        Tensor act = g.activations(img, List.of("c2")).get("c2");
        ReceptiveFieldPicture.Result r = ReceptiveFieldPicture.render(g, "c2", act, 0, new int[] {4, 0}, img);
        assertEquals(new Region(8, 15, 0, 7, false), r.shown());
        assertThrows(IllegalArgumentException.class, () -> ReceptiveFieldPicture.render(g, "c2", act, 3, null, img));
        assertThrows(IllegalArgumentException.class, () -> ReceptiveFieldPicture.render(g, "c2", act, 0, new int[] {5, 0}, img));
        assertThrows(IllegalArgumentException.class, () -> ReceptiveFieldPicture.render(g, "c2", act, 0, null, Tensor.zeros(1, 8, 8, 1)));
    }

    @Test
    void reportSectionUsesTheDeepestConv() throws java.io.IOException {
        Graph g = stack();
        assertEquals("c2", ReceptiveFieldSection.deepestConv(g));
        Tensor img = Tensor.full(0.5f, 1, 16, 16, 1);
        Map<String, Tensor> kept = g.activations(img, List.of("c1", "c2"));
        List<java.nio.file.Path> pictures = new ArrayList<>();
        String html = ReceptiveFieldSection.write(g, kept, img, dir, pictures);
        assertTrue(html.contains("Receptive field of c2") && html.contains(ReceptiveFieldSection.FILE), html);
        assertEquals(List.of(dir.resolve(ReceptiveFieldSection.FILE)), pictures);
        assertTrue(java.nio.file.Files.size(pictures.get(0)) > 100);
    }
}
