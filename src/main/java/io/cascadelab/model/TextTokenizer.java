package io.cascadelab.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model's tokenizer.json through DJL's HF tokenizers (truncation off), plus the id → token
 * table read from the same file, which is what tokenizer comparisons use.
 */
public final class TextTokenizer implements AutoCloseable {

    /** No truncation (DJL's default cuts at 512 tokens), no padding. */
    private static final Map<String, String> OPTIONS = Map.of("truncation", "false", "padding", "false",
            "addSpecialTokens", "true", "maxLength", "1000000");

    private final Path file;
    private final HuggingFaceTokenizer hf;
    private final String[] tokens;
    private final Boolean addBos;
    private final int bosId;

    private TextTokenizer(Path file, HuggingFaceTokenizer hf, String[] tokens, Boolean addBos, int bosId) {
        this.file = file;
        this.hf = hf;
        this.tokens = tokens;
        this.addBos = addBos;
        this.bosId = bosId;
    }

    /** Loads {@code dir/tokenizer.json}. */
    public static TextTokenizer load(Path dir) {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("tokenizer.json missing in " + dir
                    + ": CascadeLab needs the model's Hugging Face tokenizer.json (drafters and target must share it)");
        }
        String[] table = vocabTable(file);
        DjlEnvironment.init();
        try {
            HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file, OPTIONS);
            JsonObject cfg = Files.isRegularFile(dir.resolve("tokenizer_config.json"))
                    ? ConfigReader.readJson(dir.resolve("tokenizer_config.json")) : new JsonObject();
            Boolean addBos = cfg.has("add_bos_token") && cfg.get("add_bos_token").isJsonPrimitive()
                    ? cfg.get("add_bos_token").getAsBoolean() : null;
            return new TextTokenizer(file, hf, table, addBos, idOf(table, tokenText(cfg.get("bos_token"))));
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(file + " cannot be loaded by the HF tokenizers library: " + e.getMessage(), e);
        }
    }

    /**
     * A tokenizer from tokenizer.json text made elsewhere (a GGUF file's metadata), named {@code origin}
     * in messages; {@code addBos} as tokenizer_config.json's add_bos_token (null: the post-processor decides).
     */
    public static TextTokenizer fromJson(String json, Path origin, Boolean addBos, String bosToken) {
        JsonObject root = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
        String[] table = vocabTable(root, origin);
        DjlEnvironment.init();
        try (java.io.InputStream in = new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(in, OPTIONS);
            return new TextTokenizer(origin, hf, table, addBos, idOf(table, bosToken));
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(origin + ": its tokenizer cannot be loaded by the HF tokenizers library: "
                    + e.getMessage(), e);
        }
    }

    /** Token ids of {@code text}, with the special tokens the tokenizer's post-processor adds. */
    public int[] encode(String text) {
        return encode(text, true);
    }

    /**
     * Token ids of {@code text}; {@code addSpecial} adds the special tokens of the post-processor,
     * with BOS as tokenizer_config.json's {@code add_bos_token} says when it says so (added when
     * the post-processor does not, dropped when it adds one against the setting).
     */
    public int[] encode(String text, boolean addSpecial) {
        int[] out = ids(hf.encode(text, addSpecial, false));
        if (!addSpecial || addBos == null || bosId < 0) {
            return out;
        }
        boolean startsWithBos = out.length > 0 && out[0] == bosId;
        if (addBos && !startsWithBos) {
            int[] with = new int[out.length + 1];
            with[0] = bosId;
            System.arraycopy(out, 0, with, 1, out.length);
            return with;
        }
        if (!addBos && startsWithBos) {
            int[] plain = ids(hf.encode(text, false, false));
            if (plain.length == 0 || plain[0] != bosId) { // the BOS came from the post-processor, not the text
                return java.util.Arrays.copyOfRange(out, 1, out.length);
            }
        }
        return out;
    }
    private static int[] ids(Encoding e) {
        long[] ids = e.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    /** A special token as tokenizer_config.json gives it: a string, or an AddedToken object with "content"; null when absent. */
    public static String tokenText(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        return e.isJsonObject() && e.getAsJsonObject().has("content")
                ? e.getAsJsonObject().get("content").getAsString() : e.getAsString();
    }

    private static int idOf(String[] table, String token) {
        for (int i = 0; token != null && i < table.length; i++) {
            if (token.equals(table[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Text of a whole id sequence (decode accumulated ids: single tokens may be partial UTF-8). */
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return hf.decode(l, false);
    }

    /** The vocabulary entry of an id as stored in tokenizer.json (e.g. "Ġthe"), or null. */
    public String token(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    /** Number of ids the tokenizer can produce (model vocab plus added tokens). */
    public int vocabSize() {
        return tokens.length;
    }

    /** The tokenizer.json file. */
    public Path file() {
        return file;
    }

    /** id → token string table. */
    String[] table() {
        return tokens;
    }

    private static String[] vocabTable(Path file) {
        return vocabTable(ConfigReader.readJson(file), file);
    }

    private static String[] vocabTable(JsonObject root, Path file) {
        if (!root.has("model") || !root.get("model").isJsonObject()) {
            throw new ModelLoadException(file + ": no \"model\" section; not a Hugging Face tokenizer.json");
        }
        JsonObject model = root.getAsJsonObject("model");
        java.util.TreeMap<Integer, String> byId = new java.util.TreeMap<>();
        JsonElement vocab = model.get("vocab");
        if (vocab != null && vocab.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
                byId.put(e.getValue().getAsInt(), e.getKey());
            }
        } else if (vocab != null && vocab.isJsonArray()) { // Unigram: [[piece, score], ...]
            int i = 0;
            for (JsonElement e : vocab.getAsJsonArray()) {
                byId.put(i++, e.getAsJsonArray().get(0).getAsString());
            }
        }
        if (root.has("added_tokens") && root.get("added_tokens").isJsonArray()) {
            for (JsonElement e : root.getAsJsonArray("added_tokens")) {
                JsonObject t = e.getAsJsonObject();
                byId.put(t.get("id").getAsInt(), t.get("content").getAsString());
            }
        }
        int size = byId.isEmpty() ? 0 : byId.lastKey() + 1;
        String[] table = new String[size];
        byId.forEach((id, s) -> table[id] = s);
        return table;
    }

    @Override
    public void close() {
        hf.close();
    }
}
