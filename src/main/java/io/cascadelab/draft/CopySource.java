package io.cascadelab.draft;

/**
 * Where Max-Gram took a proposed token from, for the UI's "copied from" view.
 *
 * @param kind        the region the token was copied from, or {@link Kind#BIGRAM}
 * @param index       index of the copied token within that region (prompt index or generated
 *                    index, both 0-based); −1 for a bigram token
 * @param matchLength length of the suffix match that justified the copy (≥ 1); 1 for a bigram
 *                    token, which is conditioned on the single previous token
 */
public record CopySource(Kind kind, int index, int matchLength) {

    /** The region a proposal came from. */
    public enum Kind {
        /** Copied from the prompt. */
        PROMPT,
        /** Copied from earlier generated text. */
        GENERATED,
        /** Predicted by the bigram fallback. */
        BIGRAM
    }

    /** A bigram fallback token. */
    public static CopySource bigram() {
        return new CopySource(Kind.BIGRAM, -1, 1);
    }
}
