package io.cascadelab.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code generate --chat --system}: the prompt is rendered with the model's chat template, as transformers renders it. */
class ChatCliTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private String generate(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = CascadeLabCli.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
            return code + "\n" + buf.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(old);
        }
    }

    private Path model(boolean withTemplate) throws Exception {
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "generation_config.json")) {
            Files.copy(FIXTURES.resolve("llama-gqa-rope3").resolve(f), dir.resolve(f));
        }
        // the fixture's tokenizer spells the header tokens out in bytes: give the prompt room
        JsonObject cfg = Json.read(dir.resolve("config.json"));
        cfg.addProperty("max_position_embeddings", 512);
        Files.writeString(dir.resolve("config.json"), cfg.toString());
        if (withTemplate) {
            JsonObject cases = Json.read(Path.of("src/test/resources/chat/cases.json"));
            Files.writeString(dir.resolve("chat_template.jinja"), cases.getAsJsonObject("templates").get("llama3").getAsString());
        }
        return dir;
    }

    @Test
    void theChatPromptIsTheTemplatesRendering() throws Exception {
        Path m = model(true);
        String result = generate("generate", "--target", m.toString(), "--method", "ar", "--max-new-tokens", "3",
                "--json", "--system", "Answer in the words of Genesis.", "--prompt", "  What was made on the fourth day?  ");
        assertTrue(result.startsWith("0\n"), result + err);
        JsonObject o = JsonParser.parseString(result.substring(2)).getAsJsonObject();
        JsonObject want = null;
        for (JsonElement e : Json.read(Path.of("src/test/resources/chat/cases.json")).getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("template").getAsString().equals("llama3") && c.get("conversation").getAsString().equals("system-user")
                    && c.get("add_generation_prompt").getAsBoolean()) {
                want = c;
            }
        }
        assertEquals(want.get("text").getAsString(), o.get("prompt").getAsString());
        assertEquals(want.getAsJsonArray("ids"), o.getAsJsonArray("prompt_ids"));
    }

    @Test
    void aModelWithoutTemplateIsRefusedByName() throws Exception {
        Path m = model(false);
        String result = generate("generate", "--target", m.toString(), "--method", "ar", "--chat", "--prompt", "hi");
        assertTrue(result.startsWith("1\n"), result);
        assertTrue(err.toString().contains("has no chat template"), err.toString());
    }
}
