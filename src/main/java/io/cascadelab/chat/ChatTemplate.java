package io.cascadelab.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.cascadelab.gguf.GgufFile;
import io.cascadelab.gguf.ModelFiles;
import io.cascadelab.model.TextTokenizer;
import io.cascadelab.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's chat template (chat_template.jinja, tokenizer_config.json's chat_template, or a GGUF
 * file's tokenizer.chat_template),
 * rendered with Jinjava in the environment transformers uses: trim_blocks, lstrip_blocks,
 * {@code raise_exception}, {@code bos_token} and {@code eos_token}. The rendered text already
 * holds the special tokens, so it is tokenized without adding more.
 */
public final class ChatTemplate {

    private final String source;
    private final Path file;
    private final String bosToken;
    private final String eosToken;

    private ChatTemplate(String source, Path file, String bosToken, String eosToken) {
        this.source = source;
        this.file = file;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
    }

    /** The template of a model folder or GGUF file, or empty when it has none. */
    public static Optional<ChatTemplate> load(Path dir) {
        if (ModelFiles.isGguf(dir)) {
            return fromGguf(dir);
        }
        Path jinja = dir.resolve("chat_template.jinja");
        Path config = dir.resolve("tokenizer_config.json");
        JsonObject cfg = Files.isRegularFile(config) ? readObject(config) : new JsonObject();
        String bos = TextTokenizer.tokenText(cfg.get("bos_token"));
        String eos = TextTokenizer.tokenText(cfg.get("eos_token"));
        if (Files.isRegularFile(jinja)) {
            return Optional.of(new ChatTemplate(read(jinja), jinja, bos, eos));
        }
        JsonElement t = cfg.get("chat_template");
        if (t == null || t.isJsonNull()) {
            return Optional.empty();
        }
        if (t.isJsonPrimitive()) {
            return Optional.of(new ChatTemplate(t.getAsString(), config, bos, eos));
        }
        if (t.isJsonArray()) { // [{name, template}, ...]: the one named "default"
            for (JsonElement e : t.getAsJsonArray()) {
                JsonObject o = e.getAsJsonObject();
                if ("default".equals(o.get("name").getAsString())) {
                    return Optional.of(new ChatTemplate(o.get("template").getAsString(), config, bos, eos));
                }
            }
        }
        throw new ChatTemplateException(config + ": chat_template is neither a string nor a list with a 'default' entry");
    }

    /** A GGUF file's tokenizer.chat_template, with the BOS and EOS texts its tokenizer metadata names. */
    private static Optional<ChatTemplate> fromGguf(Path file) {
        Map<String, Object> m = GgufFile.open(file).metadata();
        Object t = m.get("tokenizer.chat_template");
        if (t == null) {
            return Optional.empty();
        }
        List<?> tokens = m.get("tokenizer.ggml.tokens") instanceof List<?> l ? l : List.of();
        return Optional.of(new ChatTemplate(String.valueOf(t), file, tokenText(tokens, m.get("tokenizer.ggml.bos_token_id")),
                tokenText(tokens, m.get("tokenizer.ggml.eos_token_id"))));
    }

    private static String tokenText(List<?> tokens, Object id) {
        return id instanceof Long l && l >= 0 && l < tokens.size() ? String.valueOf(tokens.get(l.intValue())) : null;
    }

    /** What to tell the user when {@code model} has no template. */
    public static String missing(Path model) {
        String where = ModelFiles.isGguf(model) ? "its metadata has no tokenizer.chat_template"
                : "no chat_template.jinja, and tokenizer_config.json has no chat_template";
        return model.getFileName() + " has no chat template (" + where + "): it is not an instruct model";
    }

    /** The template text. */
    public String source() {
        return source;
    }

    /** Where the template came from. */
    public Path file() {
        return file;
    }

    /**
     * The prompt text for {@code messages}.
     *
     * @param addGenerationPrompt end with the assistant's turn header, so the model answers
     * @throws ChatTemplateException with the template's own message when it refuses the conversation
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        // Jinja2's own semantics where Jinjava keeps older HubSpot behaviour by default:
        // {{- -}} trims, whitespace control parses strictly, Python's operator precedence.
        LegacyOverrides jinja2 = LegacyOverrides.newBuilder().withUseTrimmingForNotesAndExpressions(true)
                .withParseWhitespaceControlStrictly(true).withUseNaturalOperatorPrecedence(true).build();
        Jinjava jinja = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withLegacyOverrides(jinja2).build());
        jinja.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                ChatTemplate.class, "raiseException", String.class));
        Map<String, Object> context = new HashMap<>();
        List<Map<String, Object>> turns = new ArrayList<>();
        for (ChatMessage m : messages) {
            Map<String, Object> turn = new LinkedHashMap<>(); // insertion order, as tojson prints Python dicts
            turn.put("role", m.role());
            turn.put("content", m.content());
            turns.add(turn);
        }
        context.put("messages", turns);
        context.put("add_generation_prompt", addGenerationPrompt);
        context.put("bos_token", bosToken == null ? "" : bosToken);
        context.put("eos_token", eosToken == null ? "" : eosToken);
        RenderResult r = jinja.renderForResult(PythonIdioms.rewrite(source), context);
        for (TemplateError e : r.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new ChatTemplateException(describe(e));
            }
        }
        return r.getOutput();
    }

    /** raise_exception(message) inside a template: the template refuses the conversation. */
    public static String raiseException(String message) {
        throw new TemplateRefusal(message);
    }

    private String describe(TemplateError e) {
        Throwable t = e.getException();
        while (t != null) {
            if (t instanceof TemplateRefusal refusal) {
                return "the chat template refuses this conversation: " + refusal.getMessage();
            }
            t = t.getCause();
        }
        return "the chat template in " + file + " cannot be rendered (line " + e.getLineno() + "): " + e.getMessage();
    }

    /** Thrown by {@link #raiseException}; carries the template's message. */
    static final class TemplateRefusal extends RuntimeException {
        TemplateRefusal(String message) {
            super(message);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ChatTemplateException("cannot read " + p + ": " + e.getMessage());
        }
    }

    private static JsonObject readObject(Path p) {
        try {
            return Json.read(p);
        } catch (IOException | RuntimeException e) {
            throw new ChatTemplateException(p + " cannot be read as a JSON object: " + e.getMessage());
        }
    }
}
