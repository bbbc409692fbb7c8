package io.cascadelab.gguf;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.cascadelab.model.BpeJson;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.model.TextTokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SentencePiece GGUF tokenizer ({@code tokenizer.ggml.model = llama}: tokens, scores, token types)
 * as a tokenizer.json: BPE with byte fallback over ▁-escaped text, whose merges are the pairs of
 * vocabulary tokens that make another token, best score first (what llama.cpp's score-ordered
 * merging does, and how transformers rebuilds it). Gemma's files say add_space_prefix = false;
 * Phi-3's are Llama's form.
 */
final class SentencePieceGguf {

    private static final String SPACE = "\u2581";

    private SentencePieceGguf() {
    }

    static TextTokenizer load(GgufFile f) {
        Map<String, Object> m = f.metadata();
        List<String> tokens = GgufTokenizer.list(f, "tokenizer.ggml.tokens").stream().map(String::valueOf).toList();
        List<?> scores = GgufTokenizer.list(f, "tokenizer.ggml.scores");
        List<?> types = m.containsKey("tokenizer.ggml.token_type") ? GgufTokenizer.list(f, "tokenizer.ggml.token_type") : null;
        if (scores.size() != tokens.size()) {
            throw new ModelLoadException(f.path() + ": tokenizer.ggml.scores has " + scores.size() + " entries for "
                    + tokens.size() + " tokens");
        }
        boolean prefix = !Boolean.FALSE.equals(m.get("tokenizer.ggml.add_space_prefix")); // llama.cpp's default: true
        JsonObject json = GgufTokenizer.tokenizerJson();
        json.add("added_tokens", GgufTokenizer.addedTokens(tokens, types));
        json.add("normalizer", normalizer(prefix));
        json.add("pre_tokenizer", JsonNull.INSTANCE);
        Long bos = (Long) m.get("tokenizer.ggml.bos_token_id");
        boolean addBos = !Boolean.FALSE.equals(m.get("tokenizer.ggml.add_bos_token")) && bos != null; // SPM default: true
        String bosText = bos == null ? null : tokens.get(bos.intValue());
        json.add("post_processor", addBos ? GgufTokenizer.template(bosText, bos) : JsonNull.INSTANCE);
        json.add("decoder", decoder(prefix));
        JsonObject model = BpeJson.model(tokens, List.of());
        model.add("merges", merges(tokens, scores));
        model.addProperty("byte_fallback", true);
        model.addProperty("fuse_unk", true);
        Long unk = (Long) m.get("tokenizer.ggml.unknown_token_id");
        if (unk != null) {
            model.addProperty("unk_token", tokens.get(unk.intValue()));
        }
        json.add("model", model);
        return TextTokenizer.fromJson(json.toString(), f.path(), null, bosText);
    }

    /**
     * A ▁ before the text (and after each special token) when add_space_prefix, every space as ▁:
     * llama.cpp's and SentencePiece's dummy prefix, which is added even when the text starts with
     * a space (a Metaspace pre-tokenizer would not add it then).
     */
    private static JsonObject normalizer(boolean prefix) {
        JsonArray seq = new JsonArray();
        if (prefix) {
            JsonObject prepend = GgufTokenizer.type("Prepend");
            prepend.addProperty("prepend", SPACE);
            seq.add(prepend);
        }
        seq.add(replace(" ", SPACE));
        JsonObject n = GgufTokenizer.type("Sequence");
        n.add("normalizers", seq);
        return n;
    }

    /** ▁ back to spaces, byte tokens to bytes, and the prefix space off the first piece. */
    private static JsonObject decoder(boolean prefix) {
        JsonArray seq = new JsonArray();
        seq.add(replace(SPACE, " "));
        seq.add(GgufTokenizer.type("ByteFallback"));
        seq.add(GgufTokenizer.type("Fuse"));
        if (prefix) {
            JsonObject strip = GgufTokenizer.type("Strip");
            strip.addProperty("content", " ");
            strip.addProperty("start", 1);
            strip.addProperty("stop", 0);
            seq.add(strip);
        }
        JsonObject d = GgufTokenizer.type("Sequence");
        d.add("decoders", seq);
        return d;
    }

    /** A tokenizers "Replace" of every {@code from} by {@code to} (as a normalizer or a decoder). */
    private static JsonObject replace(String from, String to) {
        JsonObject replace = GgufTokenizer.type("Replace");
        JsonObject pattern = new JsonObject();
        pattern.addProperty("String", from);
        replace.add("pattern", pattern);
        replace.addProperty("content", to);
        return replace;
    }

    private record Merge(String left, String right, double score) {
    }

    /**
     * Every split of a token into two vocabulary tokens, ordered by the token's score (then the
     * longer left part, then the longer right part), best first; splits of one token by the ids of
     * their parts. A stable sort keeps vocabulary order among equals.
     */
    static JsonArray merges(List<String> tokens, List<?> scores) {
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Double> score = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
            score.put(tokens.get(i), ((Number) scores.get(i)).doubleValue());
        }
        List<Merge> all = new ArrayList<>();
        for (Map.Entry<String, Double> e : score.entrySet()) {
            String t = e.getKey();
            List<Merge> local = new ArrayList<>();
            for (int at = t.offsetByCodePoints(0, 1); at < t.length(); at = t.offsetByCodePoints(at, 1)) {
                String l = t.substring(0, at), r = t.substring(at);
                if (ids.containsKey(l) && ids.containsKey(r)) {
                    local.add(new Merge(l, r, e.getValue()));
                }
            }
            local.sort(Comparator.<Merge>comparingInt(x -> ids.get(x.left())).thenComparingInt(x -> ids.get(x.right())));
            all.addAll(local);
        }
        all.sort(Comparator.comparingDouble(Merge::score)
                .thenComparingInt(x -> x.left().codePointCount(0, x.left().length()))
                .thenComparingInt(x -> x.right().codePointCount(0, x.right().length())).reversed());
        JsonArray out = new JsonArray();
        for (Merge x : all) {
            JsonArray pair = new JsonArray();
            pair.add(x.left());
            pair.add(x.right());
            out.add(pair);
        }
        return out;
    }
}
