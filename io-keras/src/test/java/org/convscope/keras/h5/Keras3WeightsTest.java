package org.convscope.keras.h5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.convscope.keras.config.LayerSpec;
import org.junit.jupiter.api.Test;

/** Keras 3's weight-store keys: snake_case(class) made unique in model.layers order. */
class Keras3WeightsTest {
    @Test
    void snakeCaseLikeKeras() {
        assertEquals("conv2d", Keras3Weights.snakeCase("Conv2D"));
        assertEquals("re_lu", Keras3Weights.snakeCase("ReLU"));
        assertEquals("p_re_lu", Keras3Weights.snakeCase("PReLU"));
        assertEquals("up_sampling2d", Keras3Weights.snakeCase("UpSampling2D"));
        assertEquals("global_average_pooling2d", Keras3Weights.snakeCase("GlobalAveragePooling2D"));
        assertEquals("depthwise_conv2d", Keras3Weights.snakeCase("DepthwiseConv2D"));
        assertEquals("batch_normalization", Keras3Weights.snakeCase("BatchNormalization"));
        assertEquals("input_layer", Keras3Weights.snakeCase("InputLayer"));
    }

    @Test
    void repeatedClassesGetNumberedKeys() {
        List<LayerSpec> layers = List.of(spec("Conv2D", "a"), spec("ReLU", "b"), spec("Conv2D", "c"), spec("Conv2D", "d"), spec("ReLU", "e"));
        assertEquals(List.of("conv2d", "re_lu", "conv2d_1", "conv2d_2", "re_lu_1"), Keras3Weights.keys(layers));
    }

    private static LayerSpec spec(String cls, String name) {
        return new LayerSpec(cls, name, JsonNodeFactory.instance.objectNode(), List.of(), null, null, null);
    }
}
