package io.cascadelab.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A config value that changes the computation and is not implemented is refused, naming the key and value. */
class ConfigRefusalTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "qwen3|layer_types|[\"full_attention\",\"chunked_attention\"]|chunked_attention",
            "gemma2|use_bidirectional_attention|true|use_bidirectional_attention = true",
            "llama-gqa-rope3|partial_rotary_factor|0.5|partial_rotary_factor = 0.5",
            "llama-gqa-rope3|rope_scaling|{\"rope_type\":\"mrope\",\"factor\":2}|rope_scaling.rope_type = mrope",
            "llama-gqa-rope3|num_hidden_layers|-1|'num_hidden_layers' is -1",
            "qwen3|quantization_config|{\"quant_method\":\"awq\"}|quantization_config",
            "mistral|hidden_act|\"mish\"|hidden_act = 'mish'",
            "gpt2|add_cross_attention|true|add_cross_attention = true",
            "smollm3|no_rope_layers|[1,0]|no_rope_layers = 2 entries",
    })
    void refusedByName(String fixture, String key, String value, String expected) throws Exception {
        JsonObject cfg = Json.read(GoldenFixturesTest.FIXTURES.resolve(fixture).resolve("config.json"));
        cfg.add(key, JsonParser.parseString(value));
        Files.writeString(dir.resolve("config.json"), cfg.toString());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ConfigReader.read(dir));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("config.json"), "names the file: " + e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"phi3", "phi3-bf16"})
    void longropeWithFactorListsOfTheWrongLengthIsRefused(String fixture) throws Exception {
        JsonObject cfg = Json.read(GoldenFixturesTest.FIXTURES.resolve(fixture).resolve("config.json"));
        JsonArray tooShort = new JsonArray();
        tooShort.add(1.0);
        cfg.getAsJsonObject("rope_parameters").add("long_factor", tooShort);
        Files.writeString(dir.resolve("config.json"), cfg.toString());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ConfigReader.read(dir));
        assertTrue(e.getMessage().contains("long_factor") && e.getMessage().contains("4/1"), e.getMessage());
    }
}
