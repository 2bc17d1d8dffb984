package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convscope.viz.color.Colormap;
import org.junit.jupiter.api.Test;

/** End points against matplotlib's published tables (hex values as matplotlib documents them). */
class ColormapTest {
    private static String hex(int rgb) { return String.format("#%06x", rgb); }

    @Test
    void endPointsMatchMatplotlib() {
        // viridis(0) = (0.267004, 0.004874, 0.329415) -> #440154; viridis(1) = (0.993248, 0.906157, 0.143936) -> #fde725
        assertEquals("#440154", hex(Colormap.viridis().color(0f)));
        assertEquals("#fde725", hex(Colormap.viridis().color(1f)));
        // magma/inferno start (0.001462, 0.000466, 0.013866) -> #000004; magma ends #fcfdbf, inferno #fcffa4
        assertEquals("#000004", hex(Colormap.named("magma").color(0f)));
        assertEquals("#fcfdbf", hex(Colormap.named("magma").color(1f)));
        assertEquals("#fcffa4", hex(Colormap.named("inferno").color(1f)));
        // plasma: #0d0887 .. #f0f921
        assertEquals("#0d0887", hex(Colormap.named("plasma").color(0f)));
        assertEquals("#f0f921", hex(Colormap.named("plasma").color(1f)));
        assertEquals("#000000", hex(Colormap.named("gray").color(0f)));
        assertEquals("#ffffff", hex(Colormap.named("GRAY").color(1f)));
    }

    @Test
    void lookupFollowsListedColormapIndexing() {
        Colormap g = Colormap.named("gray");
        // entry floor(x * 256): 0.5 -> 128 -> round(128/255*255) = 128; 0.499 -> 127
        assertEquals(0x808080, g.color(0.5f));
        assertEquals(0x7f7f7f, g.color(0.499f));
        assertEquals(g.entry(0), g.color(-3f));
        assertEquals(g.entry(0), g.color(Float.NaN));
        assertEquals(g.entry(255), g.color(7f));
    }

    @Test
    void divergingIsLightInTheMiddleAndDarkAtTheEnds() {
        Colormap d = Colormap.named("diverging");
        assertTrue(Colormap.luminance(d.color(0.5f)) > 0.8, "middle is light");
        assertTrue(Colormap.luminance(d.color(0f)) < 0.1 && Colormap.luminance(d.color(1f)) < 0.1, "ends are dark");
        int lo = d.color(0f), hi = d.color(1f);
        assertTrue((lo & 0xff) > (lo >> 16), "negative end is blue");
        assertTrue((hi >> 16) > (hi & 0xff), "positive end is red");
    }

    @Test
    void unknownNameListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Colormap.named("jet"));
        assertTrue(e.getMessage().contains("jet") && e.getMessage().contains("viridis, magma"), e.getMessage());
    }
}
