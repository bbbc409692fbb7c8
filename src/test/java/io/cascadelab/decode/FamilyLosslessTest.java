package io.cascadelab.decode;

import ai.djl.Device;
import com.google.gson.JsonArray;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.util.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * SD and CS Drafting stay greedy-identical to plain decoding on the newer families' fixtures
 * (sliding windows, soft-capping, q/k norms, NoPE layers, longrope), with a drafter of another
 * family sharing the tokenizer, well past every sliding window.
 */
class FamilyLosslessTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @ParameterizedTest(name = "{0} drafted by {1}")
    @CsvSource({"mistral-sliding, mistral", "gemma2, mistral-sliding", "gemma3, gemma2-bf16",
            "qwen3, qwen2-sliding", "qwen2-sliding, qwen3-bf16", "phi3, olmo2", "olmo2, smollm3",
            "smollm3, llama-gqa-rope3", "gpt2-inverse-layer, gpt2"})
    void speculationIsLossless(String targetName, String drafterName) throws Exception {
        int[] prompt = ints(Json.read(FIXTURES.resolve(targetName).resolve("expected.json")).getAsJsonArray("input_ids"));
        int n = 48;
        try (LoadedModel target = LoadedModel.load(FIXTURES.resolve(targetName), Device.cpu());
             LoadedModel drafter = LoadedModel.load(FIXTURES.resolve(drafterName), Device.cpu())) {
            int[] plain = run(target, List.of(), null, prompt, n);
            int[] sd = run(target, List.of(new Cascade.ModelLevel(drafter)), KMatrix.of(new int[][] {{5}}), prompt, n);
            assertArrayEquals(plain, sd, "SD");
            int[] csd = run(target, List.of(new Cascade.ModelLevel(drafter), new Cascade.MaxGramSpec(new MaxGramDrafter())),
                    KMatrix.expand(6, 2), prompt, n);
            assertArrayEquals(plain, csd, "CSD");
        }
    }

    private static int[] run(LoadedModel target, List<Cascade.Level> levels, KMatrix k, int[] prompt, int n) {
        try (Cascade c = Cascade.build(target, levels, 128)) {
            return new Generator(c, Set.of()).run(prompt, n, SamplingSettings.GREEDY,
                    () -> new LiveSettings(k, 2.0), s -> { }, () -> false).tokens();
        }
    }

    private static int[] ints(JsonArray a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsInt();
        }
        return r;
    }
}
