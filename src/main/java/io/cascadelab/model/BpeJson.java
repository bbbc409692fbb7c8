package io.cascadelab.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import java.util.List;

/** The "model" section of a byte-level BPE tokenizer.json, for tokenizers CascadeLab writes or translates. */
public final class BpeJson {

    private BpeJson() {
    }

    /**
     * A BPE model of {@code tokens} (id = index) and {@code merges} as "left right" strings, the
     * format every tokenizers release reads.
     */
    public static JsonObject model(List<String> tokens, List<String> merges) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "BPE");
        o.add("dropout", JsonNull.INSTANCE);
        o.add("unk_token", JsonNull.INSTANCE);
        o.add("continuing_subword_prefix", JsonNull.INSTANCE);
        o.add("end_of_word_suffix", JsonNull.INSTANCE);
        o.addProperty("fuse_unk", false);
        o.addProperty("byte_fallback", false);
        o.addProperty("ignore_merges", false);
        JsonObject vocab = new JsonObject();
        for (int id = 0; id < tokens.size(); id++) {
            vocab.addProperty(tokens.get(id), id);
        }
        o.add("vocab", vocab);
        JsonArray m = new JsonArray();
        merges.forEach(m::add);
        o.add("merges", m);
        return o;
    }
}
