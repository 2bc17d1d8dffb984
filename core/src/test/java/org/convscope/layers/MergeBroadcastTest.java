package org.convscope.layers;

import static org.convscope.layers.Expect.close;
import static org.convscope.layers.Expect.exact;
import static org.convscope.layers.Expect.f;
import static org.convscope.layers.Expect.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.convscope.graph.Graph;
import org.convscope.tensor.Shapes;
import org.convscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Merges whose inputs broadcast like Keras's (base_merge: trailing axes aligned, 1 gives way). */
class MergeBroadcastTest {
    private static Tensor t(int[] shape, float... v) { return Tensor.of(v, shape); }

    private static void shape(int[] want, Merge m, int[]... in) {
        int[] got = m.outputShape(List.of(in));
        assertArrayEquals(want, got, m + ": got " + Shapes.toString(got) + ", want " + Shapes.toString(want));
    }

    @Test
    void outputShapes() {
        Multiply m = new Multiply("scale");
        shape(s(-1, 7, 7, 64), m, s(-1, 7, 7, 64), s(-1, 1, 1, 64));           // squeeze-and-excitation
        shape(s(-1, 7, 7, 64), m, s(-1, 1, 1, 64), s(-1, 7, 7, 64));           // either order
        shape(s(-1, 7, 7, 64), m, s(-1, 7, 7, 64), s(-1, 64));                 // lower rank: 1s after the batch
        shape(s(-1, 7, 7, 64), m, s(-1, 7, 7, 1), s(-1, 1, 1, 64));            // both sides broadcast
        shape(s(-1, -1, -1, 8), m, s(-1, -1, -1, 8), s(-1, 1, 1, 8));          // None against 1 stays None
        shape(s(-1, 5, 3), m, s(-1, -1, 3), s(-1, 5, 1));                      // None against 5 is 5 (None is 1 or 5)
        shape(s(2, 4, 3), new Add("a"), s(-1, 4, 1), s(2, 1, 3), s(-1, 1, 1)); // three inputs
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.outputShape(List.of(s(-1, 7, 7, 64), s(-1, 1, 1, 32))));
        for (String part : List.of("Multiply 'scale'", "(None, 7, 7, 64)", "(None, 1, 1, 32)", "64", "32")) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
        }
        IllegalArgumentException third = assertThrows(IllegalArgumentException.class,
                () -> new Add("a").outputShape(List.of(s(-1, 4, 1), s(-1, 1, 3), s(-1, 4, 2))));
        assertTrue(third.getMessage().contains("(None, 4, 3)") && third.getMessage().contains("(None, 4, 2) (input 2)"), third.getMessage());
    }

    @Test
    void forwardByHand() {
        // x = [[[0,1],[2,3]],[[4,5],[6,7]]] (1,2,2,2), s = [10, 100] (1,1,1,2): every pixel's channels scaled.
        Tensor x = Tensor.arange(1, 2, 2, 2), sc = t(s(1, 1, 1, 2), 10, 100);
        exact("Multiply SE", s(1, 2, 2, 2), f(0, 100, 20, 300, 40, 500, 60, 700), new Multiply("m").forward(List.of(x, sc)));
        exact("Multiply SE, scale first", s(1, 2, 2, 2), f(0, 100, 20, 300, 40, 500, 60, 700), new Multiply("m").forward(List.of(sc, x)));
        // the full-shape input second: a difference may not swap its inputs (s − x, not x − s)
        exact("Subtract, broadcast first", s(1, 2, 2, 2), f(10, 99, 8, 97, 6, 95, 4, 93), new Subtract("m").forward(List.of(sc, x)));
        exact("Subtract, broadcast second", s(1, 2, 2, 2), f(-10, -99, -8, -97, -6, -95, -4, -93), new Subtract("m").forward(List.of(x, sc)));
        exact("Add, scale first", s(1, 2, 2, 2), f(10, 101, 12, 103, 14, 105, 16, 107), new Add("m").forward(List.of(sc, x)));
        // rank 3 + rank 2: b (1,3) is read as (1,1,3), added to both rows of a.
        Tensor a = Tensor.arange(1, 2, 3), b = t(s(1, 3), 10, 20, 30);
        exact("Add rank 3 + rank 2", s(1, 2, 3), f(10, 21, 32, 13, 24, 35), new Add("m").forward(List.of(a, b)));
        // both inputs broadcast: p (1,2,1) = [[1],[2]], q (1,1,3) = [[10,20,30]] → p − q is 2×3.
        Tensor p = t(s(1, 2, 1), 1, 2), q = t(s(1, 1, 3), 10, 20, 30);
        exact("Subtract both broadcast", s(1, 2, 3), f(-9, -19, -29, -8, -18, -28), new Subtract("m").forward(List.of(p, q)));
        // batch 2 against batch 1, and a last axis of 1 repeated along the row.
        Tensor u = Tensor.arange(2, 2), one = t(s(1, 1), 5);
        exact("Maximum", s(2, 2), f(5, 5, 5, 5), new Maximum("m").forward(List.of(u, one)));
        exact("Minimum", s(2, 2), f(0, 1, 2, 3), new Minimum("m").forward(List.of(one, u)));
        // Average of three: (u + 5 + [[0],[3]]) / 3 = [[5, 6], [10, 11]] / 3.
        close("Average 3", s(2, 2), f(5f / 3, 6f / 3, 10f / 3, 11f / 3),
                new Average("m").forward(List.of(u, one, t(s(2, 1), 0, 3))), 1e-6f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Add("m").forward(List.of(Tensor.zeros(1, 2, 3), Tensor.zeros(1, 2, 2))));
        assertTrue(e.getMessage().contains("Add 'm'") && e.getMessage().contains("(1, 2, 3)") && e.getMessage().contains("(1, 2, 2)"), e.getMessage());
    }

    @Test
    void squeezeAndExcitationGraph() {
        // in (1,2,2,2) = channel 0: [1,2,3,4]·, channel 1: [10,20,30,40] laid out NHWC:
        // pixels (0,0)=[1,10] (0,1)=[2,20] (1,0)=[3,30] (1,1)=[4,40].
        // GAP keepdims → (1,1,1,2) = [2.5, 25].
        // Dense kernel [[1,0],[0,0.1]] bias [0.5, 1] → [2.5+0.5, 2.5+1] = [3, 3.5].
        // Multiply(in, s): every pixel's channel 0 ×3, channel 1 ×3.5:
        // [3,35, 6,70, 9,105, 12,140].
        Graph g = Graph.builder("se").input("in", -1, 2, 2, 2)
                .then(new GlobalAveragePooling2D("gap", true))
                .then(new Dense("fc", t(s(2, 2), 1, 0, 0, 0.1f), t(s(2), 0.5f, 1), null))
                .add(new Multiply("scale"), "in", "fc")
                .outputs("scale", "gap")
                .build();
        assertArrayEquals(s(-1, 2, 2, 2), g.shapeOf("scale"));
        assertArrayEquals(s(-1, 1, 1, 2), g.shapeOf("fc"));
        Tensor in = t(s(1, 2, 2, 2), 1, 10, 2, 20, 3, 30, 4, 40);
        Map<String, Tensor> out = g.run(Map.of("in", in), List.of("gap", "scale"));
        close("GAP", s(1, 1, 1, 2), f(2.5f, 25), out.get("gap"), 1e-6f);
        close("SE output", s(1, 2, 2, 2), f(3, 35, 6, 70, 9, 105, 12, 140), out.get("scale"), 1e-5f);
    }
}
