package io.cascadelab.ui.model;

import io.cascadelab.draft.CopySource;
import io.cascadelab.draft.HeadTopK;
import io.cascadelab.trace.TokenOrigin;
import io.cascadelab.trace.Verdict;

import java.util.List;
import java.util.Locale;

/** The hover text of a token: what it is, who produced it, and every reviewer's verdict on it. */
public final class TooltipText {

    private TooltipText() {
    }

    /** Tooltip of an emitted token. */
    public static String emitted(String text, int token, int position, TokenOrigin origin, List<Verdict> verdicts) {
        StringBuilder b = head(text, token, position, origin);
        verdicts(b, verdicts);
        return b.toString().strip();
    }

    /** Tooltip of a ghost (a drafted token the target did not keep). */
    public static String ghost(String text, int token, int position, TokenOrigin origin, boolean tested, int rejectedBy,
                               List<Verdict> verdicts) {
        StringBuilder b = head(text, token, position, origin);
        b.append(tested ? "Rejected when tested by level " + rejectedBy + (rejectedBy == 0 ? " (target)" : "")
                : "Discarded untested: an earlier draft token was rejected").append('\n');
        verdicts(b, verdicts);
        return b.toString().strip();
    }

    private static StringBuilder head(String text, int token, int position, TokenOrigin o) {
        StringBuilder b = new StringBuilder();
        b.append('"').append(visible(text)).append("\"  id ").append(token).append(", position ").append(position).append('\n');
        b.append(Provenance.of(o).label());
        if (o.kind() == TokenOrigin.Kind.MAX_GRAM) {
            b.append(" — ").append(copy(o.copy()));
        }
        b.append('\n');
        HeadTopK top = o.topK();
        if (top != null) {
            b.append("Head ").append(top.head() + 1).append(" top:");
            int[] t = top.tokens();
            float[] p = top.probabilities();
            for (int i = 0; i < Math.min(4, t.length); i++) {
                b.append(String.format(Locale.ROOT, " %d (%.2f)", t[i], p[i]));
            }
            b.append('\n');
        }
        return b;
    }

    private static String copy(CopySource c) {
        if (c == null || c.kind() == CopySource.Kind.BIGRAM) {
            return "bigram guess (no earlier match)";
        }
        String where = c.kind() == CopySource.Kind.PROMPT ? "prompt" : "generated text";
        return "copied from " + where + " token " + c.index() + " after a " + c.matchLength() + "-token match";
    }

    private static void verdicts(StringBuilder b, List<Verdict> verdicts) {
        for (Verdict v : verdicts) {
            b.append(String.format(Locale.ROOT, "%s (level %d): p=%.3f q=%.3f → %s", v.reviewer(), v.level(), v.p(), v.q(),
                    v.accepted() ? "accepted" : "rejected"));
            if (!Double.isNaN(v.uniform())) {
                b.append(String.format(Locale.ROOT, " (u=%.3f, accept prob %.3f)", v.uniform(), v.acceptance()));
            }
            b.append('\n');
        }
    }

    /** Whitespace made visible for a quoted token. */
    public static String visible(String text) {
        return text.replace("\n", "⏎").replace("\t", "⇥");
    }
}
