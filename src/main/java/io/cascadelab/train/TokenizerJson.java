package io.cascadelab.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import java.util.List;

/** Serialises a {@link BpeModel} in the Hugging Face tokenizers {@code tokenizer.json} format. */
final class TokenizerJson {

    // disableHtmlEscaping keeps "<|endoftext|>" readable instead of "\u003c|endoftext|\u003e".
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create();

    private TokenizerJson() {
    }

    static String write(BpeModel model) {
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        root.add("added_tokens", addedTokens(model));
        root.add("normalizer", JsonNull.INSTANCE);
        // Offsets: the pre-tokenizer flag is unused by HF; the post-processor keeps raw offsets
        // (leading space included) so token spans tile the input, which is what a UI highlights.
        root.add("pre_tokenizer", byteLevel(true));
        root.add("post_processor", byteLevel(false));
        root.add("decoder", byteLevel(true));
        root.add("model", bpe(model));
        return GSON.toJson(root) + "\n";
    }

    private static JsonArray addedTokens(BpeModel model) {
        JsonArray added = new JsonArray();
        for (String special : model.specialTokens()) {
            JsonObject t = new JsonObject();
            t.addProperty("id", model.specialTokenId(special));
            t.addProperty("content", special);
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        return added;
    }

    private static JsonObject byteLevel(boolean trimOffsets) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "ByteLevel");
        // No prefix space: a leading space would not survive decode, breaking exact round trips.
        o.addProperty("add_prefix_space", false);
        o.addProperty("trim_offsets", trimOffsets);
        o.addProperty("use_regex", true);
        return o;
    }

    private static JsonObject bpe(BpeModel model) {
        List<String> merges = new java.util.ArrayList<>();
        for (BpeModel.Merge m : model.merges()) {
            merges.add(m.left() + " " + m.right());
        }
        return io.cascadelab.model.BpeJson.model(model.tokens(), merges);
    }
}
