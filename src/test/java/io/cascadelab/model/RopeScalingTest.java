package io.cascadelab.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** yarn and longrope frequencies and attention factors equal transformers' own (recorded in expected.json). */
class RopeScalingTest {

    @Test
    void yarnMatchesTransformers() throws Exception {
        ModelConfig c = ConfigReader.read(GoldenFixturesTest.FIXTURES.resolve("qwen3"));
        JsonObject rope = Json.read(GoldenFixturesTest.FIXTURES.resolve("qwen3/expected.json")).getAsJsonObject("rope");
        RopeScaling s = c.ropes().get(0).scaling();
        assertTrue(s instanceof RopeScaling.Yarn, s.toString());
        assertClose(rope.getAsJsonArray("inv_freq"), s.inverseFrequencies(c.ropeTheta(), c.rotaryDim()));
        assertEquals(rope.get("attention_factor").getAsDouble(), s.attentionFactor(), 1e-9);
    }

    @Test
    void longropeMatchesTransformersOnBothSidesOfTheOriginalLength() throws Exception {
        ModelConfig c = ConfigReader.read(GoldenFixturesTest.FIXTURES.resolve("phi3"));
        JsonObject rope = Json.read(GoldenFixturesTest.FIXTURES.resolve("phi3/expected.json")).getAsJsonObject("rope");
        RopeScaling s = c.ropes().get(0).scaling();
        assertEquals(8, c.rotaryDim(), "partial rotary 0.5 of head_dim 16");
        assertClose(rope.getAsJsonArray("inv_freq_short"), s.inverseFrequencies(c.ropeTheta(), c.rotaryDim()));
        assertClose(rope.getAsJsonArray("inv_freq_long"), s.longInverseFrequencies(c.ropeTheta(), c.rotaryDim()));
        assertEquals(96, s.longFrom());
        assertEquals(rope.get("attention_factor").getAsDouble(), s.attentionFactor(), 1e-9);
        // the tables switch to the long factors at the original length and scale cos/sin by the factor
        float[][] t = Rope.tables(c.ropes().get(0), c.rotaryDim(), 128);
        double angle = 96 * rope.getAsJsonArray("inv_freq_long").get(1).getAsDouble();
        assertEquals(Math.cos(angle) * s.attentionFactor(), t[0][96 * 8 + 1], 1e-4);
    }

    private static void assertClose(JsonArray want, double[] got) {
        assertEquals(want.size(), got.length);
        for (int i = 0; i < got.length; i++) {
            double w = want.get(i).getAsDouble();
            assertEquals(w, got[i], 1e-6 * Math.abs(w), "frequency " + i);
        }
    }
}
