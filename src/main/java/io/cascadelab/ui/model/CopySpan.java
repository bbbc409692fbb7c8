package io.cascadelab.ui.model;

import io.cascadelab.draft.CopySource;

/**
 * The span a copying drafter (Max-Gram, the suffix drafter) copied a token from: the matched suffix
 * and the copied token, as indices into the prompt or into the generated tokens.
 */
public record CopySpan(boolean inPrompt, int start, int endInclusive) {

    /** The span of {@code c}, or null for a bigram guess (nothing was copied) or a copy from an earlier run. */
    public static CopySpan of(CopySource c) {
        // an earlier run's text is not on screen: its tooltip names it, nothing is highlighted
        if (c == null || c.kind() == CopySource.Kind.BIGRAM || c.kind() == CopySource.Kind.HISTORY || c.index() < 0) {
            return null;
        }
        // the match that justified the copy ends right before the copied token
        int start = Math.max(0, c.index() - c.matchLength());
        return new CopySpan(c.kind() == CopySource.Kind.PROMPT, start, c.index());
    }
}
