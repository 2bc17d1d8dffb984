package org.convscope.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convscope.keras.summary.SummaryRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keras's summary: parameter totals written here by hand from each architecture (kernel sizes ×
 * channels + biases; BatchNormalization's moving mean/variance are non-trainable).
 */
class SummaryTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // kaggle: 5·5·3·32+32 + 3·3·32·64+64 + 3·3·64·128+128 + 32768·6+6 + 6·1+1 = 2432+18496+73856+196614+7
            "keras3/kaggle_custom_convnet.h5,     291405, 0",
            "keras3/kaggle_custom_convnet.keras,  291405, 0",
            // convnet_512 (PROVENANCE): 2,928,449
            "keras3/convnet_512.h5,              2928449, 0",
            // cnn_batch_norm: 3·3·3·1+1 = 28; BN(1) 2 trainable + 2 moving; 3·3·1·1+1 = 10; Dense 36·1+1 = 37
            "keras2/cnn_batch_norm.h5,                77, 2",
            // Conv2D(6, 3x3) on 5 channels: 3·3·5·6+6
            "keras2/conv2d_tensorflow_2.h5,          276, 0",
            // SeparableConv2D(6, 3x3, mult 2) on 5: 3·3·5·2 + 1·1·10·6 + 6 = 90+60+6
            "keras2/sepconv2d_tensorflow_2.h5,       156, 0",
            // zoo_pool_norm: conv 3·3·4·8+8 = 296; BN 8+8 (+16 moving); BN no center 8 (+16 moving); Dense 30224·5+5 = 151125
            "keras3/zoo_pool_norm.h5,             151445, 32",
            // zoo_act_merge: conv 3·3·6·12+12 = 660; PReLU shared (1,1,12) = 12; Dense 96·16+16 = 1552; 1584·3+3 = 4755; 120·2+2 = 242
            "keras3/zoo_act_merge.keras,            7221, 0",
            // zoo_conv: 78+60+117+224+224+294+375+592+184+49+112+60+126 convs + Dense 9181·10+10 = 91820
            "keras3/zoo_conv.h5,                   94315, 0",
    })
    void totalsMatchTheArchitecture(String file, long trainable, long frozen) {
        KerasModel m = KerasModel.load(Fixtures.file(file));
        assertEquals(trainable, m.trainableParams(), file + " trainable\n" + m.summary());
        assertEquals(frozen, m.nonTrainableParams(), file + " non-trainable");
        assertEquals(trainable + frozen, m.totalParams());
        String s = m.summary();
        assertTrue(s.contains(String.format(java.util.Locale.ROOT, "Total params: %,d", trainable + frozen)), s);
        assertTrue(s.contains(String.format(java.util.Locale.ROOT, "Trainable params: %,d", trainable)), s);
        assertTrue(s.contains(String.format(java.util.Locale.ROOT, "Non-trainable params: %,d", frozen)), s);
    }

    @Test
    void sequentialTableHasKerasColumnsAndRows() {
        KerasModel m = KerasModel.load(Fixtures.file("keras3/kaggle_custom_convnet.keras"));
        String s = m.summary();
        System.out.println(s);
        assertTrue(s.startsWith("Model: \"kaggle_custom_convnet\""), s);
        assertTrue(s.contains("Layer (type)") && s.contains("Output Shape") && s.contains("Param #"), s);
        assertFalse(s.contains("Connected to"), "a Sequential summary has no Connected to column");
        assertTrue(s.contains("Total params: 291,405 (1.11 MB)"), s);
        List<SummaryRow> rows = m.rows();
        assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "conv2d_2", "max_pooling2d_2", "flatten", "dense", "dense_1"),
                rows.stream().map(SummaryRow::name).toList());
        assertEquals(m.layerNames(), rows.stream().map(SummaryRow::name).toList());
        assertEquals("(None, 128, 128, 32)", rows.get(0).outputShape());
        assertEquals(2432, rows.get(0).params());
        assertEquals("(None, 32768)", rows.get(6).outputShape());
        assertEquals(196_614, rows.get(7).params());
        assertTrue(s.lines().anyMatch(l -> l.contains("conv2d (Conv2D)") && l.contains("(None, 128, 128, 32)") && l.contains("2,432")), s);
        assertEquals("3.15.1", m.kerasVersion());
        assertEquals(List.of(-1, 128, 128, 3), java.util.Arrays.stream(m.inputShape()).boxed().toList());
    }

    @Test
    void functionalTableListsConnections() {
        KerasModel m = KerasModel.load(Fixtures.file("keras3/zoo_act_merge.h5"));
        String s = m.summary();
        System.out.println(s);
        assertTrue(s.contains("Connected to"), s);
        SummaryRow add = m.rows().stream().filter(r -> r.name().equals("add")).findFirst().orElseThrow();
        assertEquals("Add", add.className());
        assertEquals(3, add.connectedTo().size(), "Add has three inputs: " + add.connectedTo());
        assertTrue(add.connectedTo().contains("act_relu[0][0]"), add.connectedTo().toString());
        assertEquals("input", m.rows().get(0).name(), "a functional model lists its InputLayer first");
        assertEquals("(None, 9, 11, 6)", m.rows().get(0).outputShape());
    }

    @Test
    void keras2FilesReportTheirVersion() {
        assertEquals("2.1.3", KerasModel.load(Fixtures.file("keras2/cnn_batch_norm.h5")).kerasVersion());
        assertEquals("2.0.5", KerasModel.load(Fixtures.file("trained/gender_mini_XCEPTION.21-0.95.hdf5")).kerasVersion());
    }
}
