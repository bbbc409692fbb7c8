package io.cascadelab.ui.model;

import io.cascadelab.draft.CopySource;

/**
 * The span a copying drafter (Max-Gram, the suffix drafter) copied a token from: the matched suffix
 * and the copied token, as indices into the tokens the view shows, the input's (a prompt, or an
 * encoder-decoder's encoder input) and then the output's, so a span may run from one into the other.
 */
public record CopySpan(int start, int endInclusive) {

    /**
     * The span of {@code c} in the view, or null for a bigram guess (nothing was copied), a copy from
     * an earlier run, or a copy of tokens the view does not show.
     *
     * @param shownInput tokens shown before the output (the prompt, or the encoder input)
     * @param hidden     tokens the drafter read between the input and the output that are not shown (an
     *                   encoder-decoder's decoder start token; none for a decoder-only run)
     */
    public static CopySpan of(CopySource c, int shownInput, int hidden) {
        // an earlier run's text is not on screen: its tooltip names it, nothing is highlighted
        if (c == null || c.kind() == CopySource.Kind.BIGRAM || c.kind() == CopySource.Kind.HISTORY || c.index() < 0) {
            return null;
        }
        // the drafter's text is input, hidden start, output; a prompt index counts from its start
        int seamEnd = shownInput + hidden;
        int copied = c.kind() == CopySource.Kind.PROMPT ? c.index() : seamEnd + c.index();
        // the match that justified the copy ends right before the copied token
        int from = Math.max(0, copied - c.matchLength());
        int to = copied;
        if (from >= shownInput && from < seamEnd) {
            from = seamEnd;
        }
        if (to >= shownInput && to < seamEnd) {
            to = shownInput - 1;
        }
        if (from > to) {
            return null;
        }
        return new CopySpan(shown(from, shownInput, hidden), shown(to, shownInput, hidden));
    }

    private static int shown(int drafterIndex, int shownInput, int hidden) {
        return drafterIndex < shownInput ? drafterIndex : drafterIndex - hidden;
    }
}
