package io.cascadelab.ui.model;

import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.DrafterKinds;
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
        DrafterKind kind = DrafterKinds.of(o);
        String detail = kind == null ? "" : kind.detail(o);
        // a copy source reads as part of the first line; a longer detail (a head's top-k) gets its own
        b.append(detail.isEmpty() ? "" : o.copy() != null ? " — " + detail : "\n" + detail).append('\n');
        return b;
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
