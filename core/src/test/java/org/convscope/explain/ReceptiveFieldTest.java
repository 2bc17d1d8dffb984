package org.convscope.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.convscope.geometry.Padding;
import org.convscope.graph.Graph;
import org.convscope.image.Interpolation;
import org.convscope.layers.Add;
import org.convscope.layers.Conv2D;
import org.convscope.layers.Cropping2D;
import org.convscope.layers.Flatten;
import org.convscope.layers.MaxPooling2D;
import org.convscope.layers.UpSampling2D;
import org.convscope.layers.ZeroPadding2D;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Receptive fields and jumps of hand-built stacks, checked against values worked out by hand. */
class ReceptiveFieldTest {
    static Conv2D conv(String name, int k, int stride, Padding p) {
        return new Conv2D(name, Tensor.full(0.1f, k, k, 1, 1), null, new int[] {stride, stride}, p, new int[] {1, 1}, 1, null);
    }

    static MaxPooling2D pool(String name) {
        return new MaxPooling2D(name, new int[] {2, 2}, new int[] {2, 2}, Padding.VALID);
    }

    @Test
    void threeConvs3x3SeeSevenBySeven() {
        Graph g = Graph.builder("three").input("in", -1, 32, 32, 1)
                .then(conv("c1", 3, 1, Padding.SAME)).then(conv("c2", 3, 1, Padding.SAME)).then(conv("c3", 3, 1, Padding.SAME)).build();
        Map<String, ReceptiveField> rf = ReceptiveFields.all(g);
        // 1 + 2 + 2 + 2
        assertEquals(new ReceptiveField(3, 3, 1, 1, false), rf.get("c1"));
        assertEquals(new ReceptiveField(5, 5, 1, 1, false), rf.get("c2"));
        assertEquals(new ReceptiveField(7, 7, 1, 1, false), rf.get("c3"));
        assertEquals(new ReceptiveField(1, 1, 1, 1, false), rf.get("in"));
        // the centre cell (16, 16) sees rows/cols 13..19; the corner (0, 0) sees -3..3 (3 cells of padding)
        assertEquals(new Region(13, 19, 13, 19, false), ReceptiveFields.region(g, "c3", 16, 16, 16, 16));
        assertEquals(new Region(-3, 3, -3, 3, false), ReceptiveFields.region(g, "c3", 0, 0, 0, 0));
        assertEquals(new Region(0, 3, 0, 3, false), ReceptiveFields.region(g, "c3", 0, 0, 0, 0).clip(32, 32));
    }

    @Test
    void aPoolBetweenDoublesTheGrowth() {
        // conv3 -> conv3 -> pool2 -> conv3, all valid on 16x16.
        // By hand: size 3, 5, then the pool adds (2-1)*1 = 1 -> 6 with jump 2, then conv3 adds (3-1)*2 = 4 -> 10.
        Graph g = Graph.builder("pooled").input("in", -1, 16, 16, 1)
                .then(conv("c1", 3, 1, Padding.VALID)).then(conv("c2", 3, 1, Padding.VALID)).then(pool("p"))
                .then(conv("c3", 3, 1, Padding.VALID)).build();
        Map<String, ReceptiveField> rf = ReceptiveFields.all(g);
        assertEquals(new ReceptiveField(6, 6, 2, 2, false), rf.get("p"));
        assertEquals(new ReceptiveField(10, 10, 2, 2, false), rf.get("c3"));
        // valid everywhere: output (0,0) sees exactly rows 0..9; output (1,2) starts 2 cells lower, 4 to the right
        assertEquals(new Region(0, 9, 0, 9, false), ReceptiveFields.region(g, "c3", 0, 0, 0, 0));
        assertEquals(new Region(2, 11, 4, 13, false), ReceptiveFields.region(g, "c3", 1, 1, 2, 2));
    }

    @Test
    void twoPoolsMultiplyTheJump() {
        // conv3 (3) -> pool (4, jump 2) -> conv3 (4 + 2*2 = 8) -> pool (8 + 1*2 = 10, jump 4) -> conv3 (10 + 2*4 = 18)
        Graph g = Graph.builder("twice").input("in", -1, 40, 40, 1)
                .then(conv("c1", 3, 1, Padding.SAME)).then(pool("p1")).then(conv("c2", 3, 1, Padding.SAME)).then(pool("p2"))
                .then(conv("c3", 3, 1, Padding.SAME)).build();
        Map<String, ReceptiveField> rf = ReceptiveFields.all(g);
        assertEquals(new ReceptiveField(4, 4, 2, 2, false), rf.get("p1"));
        assertEquals(new ReceptiveField(8, 8, 2, 2, false), rf.get("c2"));
        assertEquals(new ReceptiveField(10, 10, 4, 4, false), rf.get("p2"));
        assertEquals(new ReceptiveField(18, 18, 4, 4, false), rf.get("c3"));
    }

    @Test
    void aResidualGraphTakesTheLargerPath() {
        // main: conv3 stride 2 same -> conv3 same; skip: conv1 stride 2; add.
        // main: 3, then 3 + 2*2 = 7 (jump 2); skip sees 1 cell; the add sees the union = 7.
        Graph g = Graph.builder("res").input("in", -1, 16, 16, 1)
                .add(conv("a", 3, 2, Padding.SAME), "in")
                .add(conv("b", 3, 1, Padding.SAME), "a")
                .add(conv("skip", 1, 2, Padding.VALID), "in")
                .add(new Add("add"), "b", "skip").build();
        Map<String, ReceptiveField> rf = ReceptiveFields.all(g);
        assertEquals(new ReceptiveField(1, 1, 2, 2, false), rf.get("skip"));
        assertEquals(new ReceptiveField(7, 7, 2, 2, false), rf.get("add"));
        // 16 with k3 s2 same: out 8, total pad (8-1)*2 + 3 - 16 = 1 -> top 0, bottom 1.
        // add cell (3,3): b reads a's rows 2..4 -> a reads input rows 4..10; skip reads row 6: union 4..10
        assertEquals(new Region(4, 10, 4, 10, false), ReceptiveFields.region(g, "add", 3, 3, 3, 3));
    }

    @Test
    void asymmetricSamePoolingPadsAtTheBottom() {
        // 2x2 stride 1 same on 5: out 5, total pad 1 -> top 0, bottom 1: the last cell reads rows 4..5 (5 is padding)
        Graph g = Graph.builder("p").input("in", -1, 5, 5, 1)
                .then(new MaxPooling2D("pool", new int[] {2, 2}, new int[] {1, 1}, Padding.SAME)).build();
        assertEquals(new Region(4, 5, 0, 1, false), ReceptiveFields.region(g, "pool", 4, 4, 0, 0));
        assertEquals(new Region(4, 4, 0, 1, false), ReceptiveFields.region(g, "pool", 4, 4, 0, 0).clip(5, 5));
    }

    @Test
    void paddingCroppingAndUpsamplingShiftAndStretch() {
        Graph g = Graph.builder("shift").input("in", -1, 10, 10, 1)
                .then(new ZeroPadding2D("zp", 2, 0, 1, 0))       // 12x11
                .then(new Cropping2D("crop", 1, 0, 0, 3))        // 11x8
                .then(new UpSampling2D("up", 2, 2, Interpolation.NEAREST)) // 22x16
                .then(conv("c", 3, 1, Padding.VALID)).build();
        // c cell (0,0) reads up rows 0..2 -> crop rows 0..1 -> zp rows 1..2 -> input rows -1..0; columns 0..2 -> 0..1 -> 0..1 -> -1..0
        assertEquals(new Region(-1, 0, -1, 0, false), ReceptiveFields.region(g, "c", 0, 0, 0, 0));
        Map<String, ReceptiveField> rf = ReceptiveFields.all(g);
        assertEquals(0.5, rf.get("c").jumpH());
        assertEquals("1/2", rf.get("c").jumpText());
    }

    @Test
    void afterFlattenTheFieldIsTheWholeInput() {
        Graph g = Graph.builder("flat").input("in", -1, 6, 6, 1).then(conv("c", 3, 1, Padding.VALID)).then(new Flatten("f")).build();
        assertTrue(ReceptiveFields.all(g).get("f").global());
        assertTrue(ReceptiveFields.region(g, "f", 0, 0, 0, 0).whole());
        assertEquals("all", ReceptiveFields.all(g).get("f").sizeText());
    }
}
