package io.cascadelab.decode;

import io.cascadelab.draft.maxgram.MaxGramSpec;
import ai.djl.Device;
import com.google.gson.JsonArray;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.util.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
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
    @CsvSource({"qwen3, qwen3-draft-a qwen3-draft-b", "qwen3-bf16, qwen3-draft-a qwen3-draft-b",
            "gemma2, gemma2-draft", "gemma2-bf16, gemma2-draft", "gemma3, gemma3-draft", "gemma3-bf16, gemma3-draft",
            "phi3, phi3-draft", "phi3-bf16, phi3-draft", "olmo2, olmo2-draft", "olmo2-bf16, olmo2-draft",
            "smollm3, smollm3-draft", "smollm3-bf16, smollm3-draft",
            "mistral-sliding, mistral", "qwen2-sliding, qwen3-bf16", "gpt2-inverse-layer, gpt2"})
    void speculationIsLossless(String targetName, String drafterNames) throws Exception {
        int[] prompt = ints(Json.read(FIXTURES.resolve(targetName).resolve("expected.json")).getAsJsonArray("input_ids"));
        int n = 48;
        List<LoadedModel> drafters = new ArrayList<>();
        try (LoadedModel target = LoadedModel.load(FIXTURES.resolve(targetName), Device.cpu())) {
            for (String d : drafterNames.split(" ")) {
                drafters.add(LoadedModel.load(FIXTURES.resolve(d), Device.cpu()));
            }
            int[] plain = run(target, List.of(), null, prompt, n);
            for (LoadedModel d : drafters) {
                int[] sd = run(target, List.of(new DraftModelLevel(d)), KMatrix.of(new int[][] {{5}}), prompt, n);
                assertArrayEquals(plain, sd, "SD with " + d.name());
            }
            List<LevelSpec> levels = new ArrayList<>();
            drafters.forEach(d -> levels.add(new DraftModelLevel(d)));
            levels.add(new MaxGramSpec(new MaxGramDrafter()));
            int depth = levels.size();
            int[] csd = run(target, levels, KMatrix.expand(6, depth), prompt, n);
            assertArrayEquals(plain, csd, "CSD depth " + depth);
        } finally {
            drafters.forEach(LoadedModel::close);
        }
    }

    static int[] run(LoadedModel target, List<LevelSpec> levels, KMatrix k, int[] prompt, int n) {
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
