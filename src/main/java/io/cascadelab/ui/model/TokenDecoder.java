package io.cascadelab.ui.model;

import io.cascadelab.model.TextTokenizer;
import io.cascadelab.trace.Trace;

/** Turns token ids into text (a tokenizer, or ids in brackets for a model without one). */
@FunctionalInterface
public interface TokenDecoder {

    String decode(int[] ids);

    /**
     * For replaying {@code trace}: the token texts it stores, else {@code fallback}'s decoder (a
     * loaded tokenizer of the same target, or null for bracketed ids).
     */
    static TokenDecoder forTrace(Trace trace, TextTokenizer fallback) {
        return trace.tokens().isEmpty() ? of(fallback) : trace.tokens()::decode;
    }

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
