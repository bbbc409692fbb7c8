package io.cascadelab.model;

import ai.djl.Device;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cascadelab.decode.Cascade;
import io.cascadelab.decode.Generator;
import io.cascadelab.decode.LiveSettings;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** generation_config.json's list of EOS ids stops generation at any of them; add_bos_token is followed. */
class SpecialTokensTest {

    @TempDir
    Path dir;

    private Path copy(String fixture) throws Exception {
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "generation_config.json")) {
            Files.copy(GoldenFixturesTest.FIXTURES.resolve(fixture).resolve(f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void generationStopsAtAnyEosOfTheList() throws Exception {
        copy("qwen3");
        JsonObject exp = Json.read(GoldenFixturesTest.FIXTURES.resolve("qwen3/expected.json"));
        JsonArray greedy = exp.getAsJsonObject("greedy").getAsJsonArray("output_ids");
        int third = greedy.get(2).getAsInt();
        JsonObject gen = Json.read(dir.resolve("generation_config.json"));
        JsonArray eos = new JsonArray();
        eos.add(479); // never generated here
        eos.add(third);
        gen.add("eos_token_id", eos);
        Files.writeString(dir.resolve("generation_config.json"), gen.toString());
        try (LoadedModel m = LoadedModel.load(dir, Device.cpu());
             Cascade c = Cascade.build(m, List.of(), 64)) {
            assertEquals(List.of(479, third), m.config().eosTokenIds());
            int[] prompt = exp.getAsJsonArray("input_ids").asList().stream().mapToInt(e -> e.getAsInt()).toArray();
            int[] out = new Generator(c, new HashSet<>(m.config().eosTokenIds())).run(prompt, 16,
                    SamplingSettings.GREEDY, () -> new LiveSettings(null, 1), s -> { }, () -> false).tokens();
            assertArrayEquals(new int[] {greedy.get(0).getAsInt(), greedy.get(1).getAsInt(), third}, out);
        }
    }

    @Test
    void addBosTokenTrueAddsTheBosThePostProcessorLeavesOut() throws Exception {
        copy("qwen3");
        JsonObject tc = Json.read(dir.resolve("tokenizer_config.json"));
        tc.addProperty("add_bos_token", true);
        tc.addProperty("bos_token", "<|im_start|>");
        Files.writeString(dir.resolve("tokenizer_config.json"), tc.toString());
        try (TextTokenizer t = TextTokenizer.load(dir)) {
            int[] plain = t.encode("Hello world", false);
            int[] ids = t.encode("Hello world");
            assertEquals(plain.length + 1, ids.length);
            assertEquals("<|im_start|>", t.token(ids[0]));
        }
    }

    @Test
    void addBosTokenFalseDropsTheBosThePostProcessorAdds() throws Exception {
        copy("llama-gqa-rope3");
        JsonObject tc = Json.read(dir.resolve("tokenizer_config.json"));
        tc.addProperty("add_bos_token", false);
        Files.writeString(dir.resolve("tokenizer_config.json"), tc.toString());
        try (TextTokenizer t = TextTokenizer.load(dir)) {
            assertArrayEquals(t.encode("Hello world", false), t.encode("Hello world"));
            // a BOS written in the text itself stays
            assertEquals("<|begin_of_text|>", t.token(t.encode("<|begin_of_text|>Hello")[0]));
        }
    }
}
