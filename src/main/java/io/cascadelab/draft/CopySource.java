package io.cascadelab.draft;

/**
 * Where a copying drafter (Max-Gram, the suffix drafter) took a proposed token from, for the UI's
 * "copied from" view.
 *
 * @param kind        the region the token was copied from, or {@link Kind#BIGRAM}
 * @param index       index of the copied token within that region (prompt index, generated index or
 *                    index in the earlier run, all 0-based; an encoder-decoder's prompt is its encoder
 *                    input followed by the decoded start token); −1 for a bigram token
 * @param matchLength length of the suffix match that justified the copy (≥ 1); 1 for a bigram
 *                    token, which is conditioned on the single previous token
 * @param count       how often the copied continuation followed that match (its confidence; 0 when
 *                    the drafter does not count, as Max-Gram, which takes the latest match)
 */
public record CopySource(Kind kind, int index, int matchLength, int count) {

    /** A copy without a count. */
    public CopySource(Kind kind, int index, int matchLength) {
        this(kind, index, matchLength, 0);
    }

    /** The region a proposal came from. */
    public enum Kind {
        /** Copied from the prompt. */
        PROMPT,
        /** Copied from earlier generated text. */
        GENERATED,
        /** Copied from an earlier run of this session. */
        HISTORY,
        /** Predicted by the bigram fallback. */
        BIGRAM
    }

    /** A bigram fallback token. */
    public static CopySource bigram() {
        return new CopySource(Kind.BIGRAM, -1, 1);
    }

    /** "copied from the prompt token 4 after a 2-token match" and the like, for tooltips and narration. */
    public String describe() {
        if (kind == Kind.BIGRAM || index < 0) {
            return "bigram guess (no earlier match)";
        }
        String where = switch (kind) {
            case PROMPT -> "prompt";
            case GENERATED -> "generated text";
            default -> "an earlier run";
        };
        return "copied from " + where + " token " + index + " after a " + matchLength + "-token match"
                + (count > 0 ? ", seen " + count + (count == 1 ? " time" : " times") : "");
    }
}
