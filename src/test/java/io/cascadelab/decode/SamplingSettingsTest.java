package io.cascadelab.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplingSettingsTest {

    private static final float[] LOGITS = {0f, (float) Math.log(2), (float) Math.log(3), (float) Math.log(4)};

    @Test
    void samplingAppliesTemperatureThenTopKThenTopP() {
        // softmax = (0.1, 0.2, 0.3, 0.4); top-3 -> (0, 2/9, 3/9, 4/9); top-p 0.7 keeps 4/9 + 3/9.
        float[] p = SamplingSettings.sampling(1.0, 3, 0.7, 1).probabilities(LOGITS);
        assertArrayEquals(new float[] {0f, 0f, 3 / 7f, 4 / 7f}, p, 1e-6f);
    }

    @Test
    void greedyProbabilitiesAreThePlainSoftmax() {
        SamplingSettings greedy = new SamplingSettings(true, 0.3, 1, 0.1, 7);
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, greedy.probabilities(LOGITS), 1e-6f);
    }

    @Test
    void validationMessagesNameTheBadValue() {
        assertMessage("temperature", "-1.0", () -> SamplingSettings.sampling(-1, 0, 1, 0));
        assertMessage("temperature", "NaN", () -> SamplingSettings.sampling(Double.NaN, 0, 1, 0));
        assertMessage("top-k", "-2", () -> SamplingSettings.sampling(1, -2, 1, 0));
        assertMessage("top-p", "1.5", () -> SamplingSettings.sampling(1, 0, 1.5, 0));
        assertMessage("top-p", "0.0", () -> SamplingSettings.sampling(1, 0, 0, 0));
    }

    @Test
    void theSameSeedReplaysTheSameStream() {
        SamplingSettings s = SamplingSettings.sampling(1, 0, 1, 99);
        assertEquals(s.newRandom().nextLong(), s.newRandom().nextLong());
    }

    private static void assertMessage(String field, String value, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(field) && e.getMessage().contains(value), e.getMessage());
    }
}
