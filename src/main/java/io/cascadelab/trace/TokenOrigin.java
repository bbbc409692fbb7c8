package io.cascadelab.trace;

import io.cascadelab.draft.CopySource;
import io.cascadelab.draft.HeadTopK;

/**
 * Who produced a token: the cascade level (0 = target, 1 = largest drafter, …), its name, and how.
 *
 * @param copy where Max-Gram copied it from (null for other kinds)
 * @param head the MLP speculator head that proposed it, or -1
 * @param topK for a speculator token: the head's most probable tokens at that position (null otherwise;
 *             absent from traces written before speculators existed)
 */
public record TokenOrigin(int level, String source, Kind kind, CopySource copy, int head, HeadTopK topK) {

    /** An origin without speculator details. */
    public TokenOrigin(int level, String source, Kind kind, CopySource copy, int head) {
        this(level, source, kind, copy, head, null);
    }

    /** How the token came about. */
    public enum Kind {
        /** Proposed by Max-Gram (copied or bigram). */
        MAX_GRAM,
        /** Proposed by an MLP speculator head. */
        SPECULATOR,
        /** A reviewer's replacement for the first token it rejected. */
        CORRECTION,
        /** A reviewer's extra token after accepting its whole draft (also every token a model generates alone). */
        BONUS
    }

    /** A Max-Gram proposal. */
    public static TokenOrigin maxGram(int level, CopySource copy) {
        return new TokenOrigin(level, "MaG", Kind.MAX_GRAM, copy, -1);
    }

    /** A token proposed by head {@code head} of an MLP speculator, with that head's top-k. */
    public static TokenOrigin speculator(int level, String name, int head, HeadTopK topK) {
        return new TokenOrigin(level, name, Kind.SPECULATOR, null, head, topK);
    }

    /** A reviewer's own token. */
    public static TokenOrigin reviewer(int level, String name, boolean bonus) {
        return new TokenOrigin(level, name, bonus ? Kind.BONUS : Kind.CORRECTION, null, -1);
    }

    /** True for tokens the target itself produced (correction or bonus). */
    public boolean isTarget() {
        return level == 0;
    }
}
