package io.cascadelab.model;

import ai.djl.Device;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cascadelab.util.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DJL runtime against logits, hidden states, greedy tokens and token ids written by HF transformers. */
class GoldenFixturesTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa-rope3", "llama-tied-f16", "llama-bf16-sharded", "llama-headdim", "qwen2-bias",
            "mistral", "gpt2", "gptneox-parallel", "gptneox-sequential",
            "qwen3", "qwen3-bf16", "gemma2", "gemma2-bf16", "gemma3", "gemma3-bf16", "phi3", "phi3-bf16",
            "olmo2", "olmo2-bf16", "smollm3", "smollm3-bf16", "mistral-sliding", "mistral-sliding-bf16",
            "qwen2-sliding", "qwen2-sliding-bf16", "gpt2-inverse-layer", "gpt2-inverse-layer-bf16", "qwen3-draft-a", "qwen3-draft-b", "gemma2-draft", "gemma3-draft", "phi3-draft",
            "olmo2-draft", "smollm3-draft"})
    void matchesTransformers(String name) throws Exception {
        Path dir = FIXTURES.resolve(name);
        JsonObject exp = Json.read(dir.resolve("expected.json"));
        try (LoadedModel m = LoadedModel.load(dir, Device.cpu())) {
            int[] input = Goldens.ints(exp.getAsJsonArray("input_ids"));
            assertArrayEquals(input, m.tokenizer().encode(exp.get("prompt").getAsString()), "prompt ids");
            try (ModelSession s = m.newSession()) {
                ModelSession.Scores sc = s.forward(input, true);
                JsonArray want = exp.getAsJsonArray("logits");
                double scale = 0, err = 0;
                for (int t = 0; t < input.length; t++) {
                    float[] w = Goldens.floats(want.get(t).getAsJsonArray());
                    for (int v = 0; v < w.length; v++) {
                        scale = Math.max(scale, Math.abs(w[v]));
                        err = Math.max(err, Math.abs(w[v] - sc.logits()[t][v]));
                    }
                }
                assertTrue(err / scale <= 1e-4, name + ": max relative logit error " + err / scale);
                assertArrayEquals(Goldens.floats(exp.getAsJsonArray("hidden_last")), sc.lastHidden(), 1e-4f * (float) Math.max(1, scale),
                        "final hidden state after the norm");
            }
            JsonObject greedy = exp.getAsJsonObject("greedy");
            assertArrayEquals(Goldens.ints(greedy.getAsJsonArray("output_ids")),
                    greedy(m, Goldens.ints(greedy.getAsJsonArray("prompt_ids")), greedy.get("new_tokens").getAsInt()), "greedy tokens");
            for (JsonElement e : exp.getAsJsonArray("tokenizer")) {
                JsonObject t = e.getAsJsonObject();
                String text = t.get("text").getAsString();
                int[] ids = Goldens.ints(t.getAsJsonArray("ids"));
                assertArrayEquals(ids, m.tokenizer().encode(text, false), "ids of " + text);
                assertTrue(m.tokenizer().decode(ids).equals(t.get("decoded").getAsString()), "decode of " + text);
            }
        }
    }

    private static int[] greedy(LoadedModel m, int[] prompt, int n) {
        try (ModelSession s = m.newSession()) {
            int[] out = new int[n];
            float[][] logits = s.forward(prompt, false).logits();
            float[] last = logits[logits.length - 1];
            for (int i = 0; i < n; i++) {
                out[i] = Goldens.argmax(last);
                last = s.forward(new int[] {out[i]}, false).logits()[0];
            }
            return out;
        }
    }
}
