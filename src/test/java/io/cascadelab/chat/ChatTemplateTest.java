package io.cascadelab.chat;

import ai.djl.Device;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chat templates render as transformers' apply_chat_template does, text and token ids (goldens in chat/cases.json). */
class ChatTemplateTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @TempDir
    Path dir;

    @Test
    void rendersAsTransformers() throws Exception {
        JsonObject all = Json.read(Path.of("src/test/resources/chat/cases.json"));
        JsonObject templates = all.getAsJsonObject("templates");
        Map<String, LoadedModel> models = new HashMap<>();
        int checked = 0;
        try {
            for (JsonElement e : all.getAsJsonArray("cases")) {
                JsonObject c = e.getAsJsonObject();
                String fixture = c.get("fixture").getAsString();
                Path folder = dir.resolve(c.get("template").getAsString());
                if (!Files.isDirectory(folder)) {
                    Files.createDirectories(folder);
                    for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")) {
                        Files.copy(FIXTURES.resolve(fixture).resolve(f), folder.resolve(f));
                    }
                    Files.writeString(folder.resolve("chat_template.jinja"),
                            templates.get(c.get("template").getAsString()).getAsString());
                }
                ChatTemplate t = ChatTemplate.load(folder).orElseThrow();
                List<ChatMessage> messages = new ArrayList<>();
                for (JsonElement m : c.getAsJsonArray("messages")) {
                    messages.add(new ChatMessage(m.getAsJsonObject().get("role").getAsString(),
                            m.getAsJsonObject().get("content").getAsString()));
                }
                boolean gen = c.get("add_generation_prompt").getAsBoolean();
                String what = c.get("template").getAsString() + "/" + c.get("conversation").getAsString() + " gen=" + gen;
                if (c.has("error")) {
                    ChatTemplateException x = assertThrows(ChatTemplateException.class, () -> t.render(messages, gen), what);
                    assertTrue(x.getMessage().contains(c.get("error").getAsString()), what + ": " + x.getMessage());
                } else {
                    String text = t.render(messages, gen);
                    assertEquals(c.get("text").getAsString(), text, what);
                    LoadedModel m = models.computeIfAbsent(c.get("template").getAsString(),
                            k -> LoadedModel.load(folder, Device.cpu()));
                    int[] want = c.getAsJsonArray("ids").asList().stream().mapToInt(JsonElement::getAsInt).toArray();
                    assertArrayEquals(want, m.tokenizer().encode(text, false), what + " ids");
                }
                checked++;
            }
        } finally {
            models.values().forEach(LoadedModel::close);
        }
        assertEquals(36, checked);
    }

    @Test
    void aModelWithoutATemplateHasNone() {
        assertTrue(ChatTemplate.load(FIXTURES.resolve("qwen3")).isEmpty());
    }

    @Test
    void aBrokenTemplateIsNamed() throws Exception {
        Files.writeString(dir.resolve("chat_template.jinja"), "{% for m in messages %}{{ m.content ");
        ChatTemplateException e = assertThrows(ChatTemplateException.class,
                () -> ChatTemplate.load(dir).orElseThrow().render(List.of(new ChatMessage("user", "hi")), true));
        assertTrue(e.getMessage().contains("chat_template.jinja"), e.getMessage());
    }
}
