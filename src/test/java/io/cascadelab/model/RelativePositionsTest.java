package io.cascadelab.model;

import com.google.gson.JsonObject;
import io.cascadelab.util.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** T5's relative position buckets against transformers' for distances −300..300. */
class RelativePositionsTest {

    @ParameterizedTest
    @CsvSource({"32, 128, true", "32, 128, false", "16, 24, true", "16, 24, false"})
    void bucketsMatchTransformers(int buckets, int maxDistance, boolean bidirectional) throws Exception {
        JsonObject exp = Json.read(Path.of("src/test/resources/fixtures/t5/buckets.json"));
        int[] rel = Goldens.ints(exp.getAsJsonArray("relative"));
        int[] want = Goldens.ints(exp.getAsJsonArray(buckets + "-" + maxDistance + "-"
                + (bidirectional ? "bidirectional" : "causal")));
        for (int i = 0; i < rel.length; i++) {
            assertEquals(want[i], RelativePositions.bucket(rel[i], bidirectional, buckets, maxDistance),
                    "bucket of relative position " + rel[i]);
        }
    }
}
