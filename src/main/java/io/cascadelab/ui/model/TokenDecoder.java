package io.cascadelab.ui.model;

import io.cascadelab.model.TextTokenizer;

/** Turns token ids into text (a tokenizer, or ids in brackets for a model without one). */
@FunctionalInterface
public interface TokenDecoder {

    String decode(int[] ids);

    /** The tokenizer's decoder, or bracketed ids when {@code t} is null. */
    static TokenDecoder of(TextTokenizer t) {
        if (t != null) {
            return t::decode;
        }
        return ids -> {
            StringBuilder b = new StringBuilder();
            for (int id : ids) {
                b.append('⟨').append(id).append('⟩');
            }
            return b.toString();
        };
    }
}
