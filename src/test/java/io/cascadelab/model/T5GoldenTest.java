package io.cascadelab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cascadelab.util.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The T5 runtime against transformers (tools/fixtures/make_t5_fixtures.py): T5 v1.1 with an
 * untied head as the hub ships it, original T5 (ReLU, tied head rescaled by d_model^-0.5) and a
 * v1.1 saved by transformers 5; decoder logits, the encoder's output, greedy tokens, token ids.
 */
class T5GoldenTest {

    private static final Path T5 = GoldenFixturesTest.FIXTURES.resolve("t5");

    @ParameterizedTest
    @ValueSource(strings = {"v11", "original", "v11-draft"})
    void matchesTransformers(String name) throws Exception {
        Path dir = T5.resolve(name);
        JsonObject exp = Json.read(dir.resolve("expected.json"));
        try (LoadedModel m = LoadedModel.load(dir, Device.cpu())) {
            assertEquals(exp.get("decoder_start_token_id").getAsInt(), m.config().encoder().decoderStartTokenId());
            JsonObject first = exp.getAsJsonArray("prompts").get(0).getAsJsonObject();
            int[] encoderIds = Goldens.ints(first.getAsJsonArray("encoder_ids"));
            int[] decoderIds = Goldens.ints(exp.getAsJsonArray("decoder_input_ids"));
            try (ModelSession s = m.newSession()) {
                s.encode(encoderIds);
                float[][] got = s.forward(decoderIds, false).logits();
                JsonArray want = exp.getAsJsonArray("logits");
                double scale = 0, err = 0;
                for (int t = 0; t < decoderIds.length; t++) {
                    float[] w = Goldens.floats(want.get(t).getAsJsonArray());
                    for (int v = 0; v < w.length; v++) {
                        scale = Math.max(scale, Math.abs(w[v]));
                        err = Math.max(err, Math.abs(w[v] - got[t][v]));
                    }
                }
                assertTrue(err / scale <= 1e-5, name + ": max relative logit error " + err / scale);
            }
            assertArrayEquals(Goldens.floats(exp.getAsJsonArray("encoder_last_hidden")), encoderLast(m, encoderIds),
                    1e-5f, "the encoder's output at its last position");
            for (JsonElement e : exp.getAsJsonArray("prompts")) {
                JsonObject p = e.getAsJsonObject();
                int[] ids = Goldens.ints(p.getAsJsonArray("encoder_ids"));
                assertArrayEquals(ids, m.tokenizer().encode(p.get("prompt").getAsString()), "encoder ids (with </s>)");
                int[] want = Goldens.ints(p.getAsJsonArray("greedy_ids"));
                assertArrayEquals(want, greedy(m, ids, want.length), name + " greedy after " + p.get("prompt"));
            }
            for (JsonElement e : exp.getAsJsonArray("tokenizer")) {
                JsonObject t = e.getAsJsonObject();
                int[] ids = Goldens.ints(t.getAsJsonArray("ids"));
                assertArrayEquals(ids, m.tokenizer().encode(t.get("text").getAsString(), false), "ids of " + t.get("text"));
                assertEquals(t.get("decoded").getAsString(), m.tokenizer().decode(ids), "decode of " + t.get("text"));
            }
        }
    }

    /** Greedy with the cache: the start token, then one token per pass. */
    private static int[] greedy(LoadedModel m, int[] encoderIds, int n) {
        try (ModelSession s = m.newSession()) {
            s.encode(encoderIds);
            int[] out = new int[n];
            float[] last = s.forward(new int[] {m.config().encoder().decoderStartTokenId()}, false).logits()[0];
            for (int i = 0; i < n; i++) {
                out[i] = Goldens.argmax(last);
                last = s.forward(new int[] {out[i]}, false).logits()[0];
            }
            return out;
        }
    }

    private static float[] encoderLast(LoadedModel m, int[] ids) {
        try (NDManager step = m.manager().newSubManager()) {
            long[] l = Arrays.stream(ids).asLongStream().toArray();
            NDArray out = T5Forward.encode(m.seq2seq(), step.create(l, new Shape(1, l.length)));
            return out.get("0, -1, :").toFloatArray();
        }
    }
}
