package io.cascadelab.trace;

import com.google.gson.annotations.SerializedName;
import io.cascadelab.draft.CopySource;
import io.cascadelab.draft.HeadTopK;

/**
 * Who produced a token: the cascade level (0 = target, 1 = largest drafter, …), its name, and how.
 *
 * @param drafter for a drafted token: the id of the drafter kind that proposed it ("mag", "spec", …;
 *                traces written before kinds were open have none and get it from the token's details)
 * @param copy    where a copying drafter took it from (null for other kinds)
 * @param head    the head (of a target-state head drafter) that proposed it, or -1
 * @param topK    for a head's token: that head's most probable tokens at that position (null otherwise)
 */
public record TokenOrigin(int level, String source, Kind kind, String drafter, CopySource copy, int head,
                          HeadTopK topK) {

    public TokenOrigin {
        if (kind == Kind.DRAFT && drafter == null) {
            drafter = head >= 0 || topK != null ? "spec" : "mag"; // the only two kinds of old traces
        }
    }

    /** How the token came about. */
    public enum Kind {
        /** Proposed by a drafter (its kind in {@link #drafter}); old traces say MAX_GRAM or SPECULATOR. */
        @SerializedName(value = "DRAFT", alternate = {"MAX_GRAM", "SPECULATOR"})
        DRAFT,
        /** A reviewer's replacement for the first token it rejected. */
        CORRECTION,
        /** A reviewer's extra token after accepting its whole draft (also every token a model generates alone). */
        BONUS
    }

    /** A token drafter kind {@code drafter} proposed, copied from {@code copy} (null when not a copy). */
    public static TokenOrigin drafted(int level, String source, String drafter, CopySource copy) {
        return new TokenOrigin(level, source, Kind.DRAFT, drafter, copy, -1, null);
    }

    /** A token proposed by head {@code head} of a head drafter, with that head's top-k. */
    public static TokenOrigin head(int level, String source, String drafter, int head, HeadTopK topK) {
        return new TokenOrigin(level, source, Kind.DRAFT, drafter, null, head, topK);
    }

    /** A reviewer's own token. */
    public static TokenOrigin reviewer(int level, String name, boolean bonus) {
        return new TokenOrigin(level, name, bonus ? Kind.BONUS : Kind.CORRECTION, null, null, -1, null);
    }

    /** True for tokens the target itself produced (correction or bonus). */
    public boolean isTarget() {
        return level == 0;
    }
}
