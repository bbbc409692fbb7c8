package io.cascadelab.model;

import com.google.gson.JsonObject;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every key of every fixture's config.json is either used by the loader or known to be irrelevant. */
class ConfigKeysTest {

    @Test
    void everyFixtureKeyIsReadOrListedAsIrrelevant() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> dirs = Files.list(GoldenFixturesTest.FIXTURES)) {
            for (Path dir : dirs.sorted().toList()) {
                if (!Files.isRegularFile(dir.resolve("config.json")) || !Files.isRegularFile(dir.resolve("expected.json"))) {
                    continue;
                }
                ModelConfig c = ConfigReader.read(dir);
                checked++;
                if (!c.unreadKeys().isEmpty()) {
                    problems.add(dir.getFileName() + ": " + c.unreadKeys());
                }
            }
        }
        assertTrue(checked >= 24, "fixtures found: " + checked);
        assertEquals(List.of(), problems, "config.json keys neither used nor listed as irrelevant");
    }

    @Test
    void anUnknownKeyIsReportedByName(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        JsonObject cfg = Json.read(GoldenFixturesTest.FIXTURES.resolve("qwen3/config.json"));
        cfg.addProperty("attn_temperature_tuning", true);
        JsonObject rope = cfg.getAsJsonObject("rope_parameters");
        rope.addProperty("low_freq_boost", 2);
        Files.writeString(dir.resolve("config.json"), cfg.toString());
        List<String> unread = ConfigReader.read(dir).unreadKeys();
        assertTrue(unread.contains("attn_temperature_tuning"), unread.toString());
        assertTrue(unread.contains("rope_parameters.low_freq_boost"), unread.toString());
        assertFalse(unread.contains("rope_parameters.factor"), unread.toString());
    }
}
