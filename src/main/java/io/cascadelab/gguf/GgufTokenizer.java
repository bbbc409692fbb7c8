package io.cascadelab.gguf;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.cascadelab.model.BpeJson;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.model.TextTokenizer;

import java.util.List;
import java.util.Map;

/**
 * The tokenizer a GGUF file describes ({@code tokenizer.ggml.*}), as the tokenizer.json the HF
 * tokenizers library runs: a byte-level BPE ({@code tokenizer.ggml.model = gpt2}) with its tokens,
 * merges, special tokens and the pre-tokenizer {@code tokenizer.ggml.pre} names. Other tokenizer
 * models and pre-tokenizers CascadeLab has not mapped are refused by name.
 */
final class GgufTokenizer {

    /** llama.cpp's "llama-bpe" split (Llama 3). */
    static final String LLAMA3_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    /** llama.cpp's "qwen2" split: like Llama 3's with single digits. */
    static final String QWEN2_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static final int CONTROL = 3;
    private static final int USER_DEFINED = 4;

    private GgufTokenizer() {
    }

    static TextTokenizer load(GgufFile f) {
        Map<String, Object> m = f.metadata();
        Object model = m.get("tokenizer.ggml.model");
        if (model == null) {
            throw new ModelLoadException(f.path() + " has no tokenizer (tokenizer.ggml.model is missing)");
        }
        if ("llama".equals(model)) {
            return SentencePieceGguf.load(f);
        }
        if (!"gpt2".equals(model)) {
            throw new ModelLoadException(f.path() + ": tokenizer.ggml.model = " + model + " is not supported yet"
                    + " (CascadeLab reads byte-level BPE ('gpt2') and SentencePiece ('llama') tokenizers)");
        }
        List<?> tokens = list(f, "tokenizer.ggml.tokens");
        List<?> types = m.containsKey("tokenizer.ggml.token_type") ? list(f, "tokenizer.ggml.token_type") : null;
        List<?> merges = list(f, "tokenizer.ggml.merges");
        String pre = String.valueOf(m.getOrDefault("tokenizer.ggml.pre", "gpt2"));
        JsonObject json = tokenizerJson();
        List<String> texts = tokens.stream().map(String::valueOf).toList();
        JsonArray added = addedTokens(texts, types);
        json.add("added_tokens", added);
        json.add("normalizer", pre.equals("qwen2") ? type("NFC") : JsonNull.INSTANCE);
        json.add("pre_tokenizer", preTokenizer(f, pre));
        Long bos = (Long) m.get("tokenizer.ggml.bos_token_id");
        boolean addBos = Boolean.TRUE.equals(m.get("tokenizer.ggml.add_bos_token")) && bos != null;
        json.add("post_processor", addBos ? template(String.valueOf(tokens.get(bos.intValue())), bos) : byteLevel(false));
        json.add("decoder", byteLevel(true));
        json.add("model", BpeJson.model(texts, merges.stream().map(String::valueOf).toList()));
        String bosText = bos == null ? null : String.valueOf(tokens.get(bos.intValue()));
        return TextTokenizer.fromJson(json.toString(), f.path(), null, bosText);
    }

    private static JsonObject preTokenizer(GgufFile f, String pre) {
        String split = switch (pre) {
            case "llama-bpe", "llama3" -> LLAMA3_SPLIT;
            case "qwen2" -> QWEN2_SPLIT;
            case "gpt2", "gpt-2", "default" -> null;
            default -> throw new ModelLoadException(f.path() + ": tokenizer.ggml.pre = " + pre + " is not supported"
                    + " yet (CascadeLab knows gpt-2, llama-bpe and qwen2): its text would be split differently");
        };
        if (split == null) {
            JsonObject b = type("ByteLevel");
            b.addProperty("add_prefix_space", false);
            b.addProperty("trim_offsets", true);
            b.addProperty("use_regex", true);
            return b;
        }
        JsonObject s = type("Split");
        JsonObject pattern = new JsonObject();
        pattern.addProperty("Regex", split);
        s.add("pattern", pattern);
        s.addProperty("behavior", "Isolated");
        s.addProperty("invert", false);
        JsonObject b = type("ByteLevel");
        b.addProperty("add_prefix_space", false);
        b.addProperty("trim_offsets", true);
        b.addProperty("use_regex", false);
        JsonObject seq = type("Sequence");
        JsonArray list = new JsonArray();
        list.add(s);
        list.add(b);
        seq.add("pretokenizers", list);
        return seq;
    }

    /** An empty tokenizer.json: version 1.0, no truncation, no padding. */
    static JsonObject tokenizerJson() {
        JsonObject json = new JsonObject();
        json.addProperty("version", "1.0");
        json.add("truncation", JsonNull.INSTANCE);
        json.add("padding", JsonNull.INSTANCE);
        return json;
    }

    /** The tokens marked control (special) or user-defined, which the text is never split inside. */
    static JsonArray addedTokens(List<String> tokens, List<?> types) {
        JsonArray added = new JsonArray();
        for (int i = 0; i < tokens.size(); i++) {
            int type = types == null ? 1 : ((Long) types.get(i)).intValue();
            if (type == CONTROL || type == USER_DEFINED) {
                JsonObject a = new JsonObject();
                a.addProperty("id", i);
                a.addProperty("content", tokens.get(i));
                a.addProperty("single_word", false);
                a.addProperty("lstrip", false);
                a.addProperty("rstrip", false);
                a.addProperty("normalized", false);
                a.addProperty("special", type == CONTROL);
                added.add(a);
            }
        }
        return added;
    }

    static JsonObject template(String bos, long bosId) {
        JsonObject t = type("TemplateProcessing");
        JsonArray single = new JsonArray();
        single.add(piece("SpecialToken", bos));
        single.add(piece("Sequence", "A"));
        JsonArray pair = new JsonArray();
        pair.add(piece("SpecialToken", bos));
        pair.add(piece("Sequence", "A"));
        pair.add(piece("SpecialToken", bos));
        pair.add(piece("Sequence", "B"));
        t.add("single", single);
        t.add("pair", pair);
        JsonObject tokens = new JsonObject();
        JsonObject entry = new JsonObject();
        entry.addProperty("id", bos);
        JsonArray ids = new JsonArray();
        ids.add(bosId);
        entry.add("ids", ids);
        JsonArray toks = new JsonArray();
        toks.add(bos);
        entry.add("tokens", toks);
        tokens.add(bos, entry);
        t.add("special_tokens", tokens);
        return t;
    }

    /** A TemplateProcessing piece: {"SpecialToken": {...}} or {"Sequence": {...}}. */
    private static JsonObject piece(String kind, String id) {
        JsonObject o = new JsonObject();
        JsonObject s = new JsonObject();
        s.addProperty("id", id);
        s.addProperty("type_id", 0);
        o.add(kind, s);
        return o;
    }

    private static JsonObject byteLevel(boolean decoder) {
        JsonObject b = type("ByteLevel");
        b.addProperty("add_prefix_space", decoder);
        b.addProperty("trim_offsets", decoder);
        b.addProperty("use_regex", decoder);
        return b;
    }

    static JsonObject type(String t) {
        JsonObject o = new JsonObject();
        o.addProperty("type", t);
        return o;
    }

    static List<?> list(GgufFile f, String key) {
        Object v = f.metadata().get(key);
        if (!(v instanceof List<?> l)) {
            throw new ModelLoadException(f.path() + ": " + key + " is missing or not a list");
        }
        return l;
    }
}
