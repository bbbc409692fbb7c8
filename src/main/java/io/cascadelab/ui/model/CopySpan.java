package io.cascadelab.ui.model;

import io.cascadelab.draft.CopySource;

/**
 * The span Max-Gram copied a token from: the matched suffix and the copied token, as indices into
 * the prompt or into the generated tokens.
 */
public record CopySpan(boolean inPrompt, int start, int endInclusive) {

    /** The span of {@code c}, or null for a bigram guess (nothing was copied). */
    public static CopySpan of(CopySource c) {
        if (c == null || c.kind() == CopySource.Kind.BIGRAM || c.index() < 0) {
            return null;
        }
        // the match that justified the copy ends right before the copied token
        int start = Math.max(0, c.index() - c.matchLength());
        return new CopySpan(c.kind() == CopySource.Kind.PROMPT, start, c.index());
    }
}
