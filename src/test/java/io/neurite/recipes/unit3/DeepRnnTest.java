package io.neurite.recipes.unit3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The deep-RNN lesson's two models: Keras parameter counts of one LSTM layer and of two stacked. */
class DeepRnnTest {
    @Test
    void stackingAddsASecondLayerReadingTheFirstLayersEveryStep() {
        // Keras LSTM: 4 (units (inputs + units) + units); dense: units + 1
        long one = 4 * (32 * (1 + 32) + 32) + 33;
        long second = 4 * (32 * (32 + 32) + 32);
        assertEquals(one, SunspotsForecast.oneLayer(1).paramCount());
        assertEquals(one + second, DeepRnn.stacked(1).paramCount());
    }
}
