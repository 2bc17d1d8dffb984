package org.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.convscope.tensor.Tensor;
import org.convscope.viz.maps.FeatureMapGrid;
import org.convscope.viz.maps.FeatureMapOptions;
import org.convscope.viz.render.Png;
import org.convscope.viz.stats.ActivationStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngAndStatsTest {
    @TempDir Path dir;

    @Test
    void sameInputGivesByteIdenticalPngsThatDecodeToThePicture() throws IOException {
        Tensor t = Tensor.arange(1, 5, 7, 3);
        BufferedImage a = FeatureMapGrid.render(t, "conv", FeatureMapOptions.defaults()).image();
        BufferedImage b = FeatureMapGrid.render(t.copy(), "conv", FeatureMapOptions.defaults()).image();
        Path fa = dir.resolve("a.png"), fb = dir.resolve("sub/b.png");
        Png.write(a, fa);
        Png.write(b, fb);
        assertArrayEquals(Files.readAllBytes(fa), Files.readAllBytes(fb));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(fa)));
        assertEquals(a.getWidth(), back.getWidth());
        for (int y = 0; y < a.getHeight(); y += 7) for (int x = 0; x < a.getWidth(); x += 5) assertEquals(a.getRGB(x, y), back.getRGB(x, y));
    }

    @Test
    void statisticsCountOffUnitsAndDeadChannels() {
        // 2 positions x 3 channels: channel 0 = {1, 3}, channel 1 = {0, -2}, channel 2 = {0, 4}
        Tensor t = Tensor.of(new float[]{1, 0, 0, 3, -2, 4}, 1, 1, 2, 3);
        ActivationStats s = ActivationStats.of(t);
        assertEquals(-2f, s.min());
        assertEquals(4f, s.max());
        assertEquals(1f, s.mean(), 1e-7f);
        assertEquals(3f / 6f, s.zeroFraction(), 1e-7f);
        assertEquals(1, s.deadChannels());
        assertEquals(3, s.channels());
    }
}
