package io.cascadelab.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A FLAN-T5-shaped Unigram tokenizer.json (Precompiled normalizer, Metaspace, "$A </s>") as transformers encodes it. */
class T5TokenizerTest {

    @Test
    void encodesAndDecodesAsTransformers() throws Exception {
        Path dir = Path.of("src/test/resources/fixtures/t5/v11");
        JsonObject exp = Json.read(dir.resolve("expected.json"));
        try (TextTokenizer tok = TextTokenizer.load(dir)) {
            for (JsonElement e : exp.getAsJsonArray("prompts")) {
                JsonObject p = e.getAsJsonObject();
                assertArrayEquals(Goldens.ints(p.getAsJsonArray("encoder_ids")), tok.encode(p.get("prompt").getAsString()),
                        "encoder ids (</s> appended) of " + p.get("prompt"));
            }
            for (JsonElement e : exp.getAsJsonArray("tokenizer")) {
                JsonObject t = e.getAsJsonObject();
                int[] ids = Goldens.ints(t.getAsJsonArray("ids"));
                assertArrayEquals(ids, tok.encode(t.get("text").getAsString(), false), "ids of " + t.get("text"));
                assertEquals(t.get("decoded").getAsString(), tok.decode(ids), "decode of " + t.get("text"));
            }
        }
    }
}
