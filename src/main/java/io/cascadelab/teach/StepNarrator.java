package io.cascadelab.teach;

import io.cascadelab.decode.DrafterKind;
import io.cascadelab.decode.DrafterKinds;
import io.cascadelab.trace.ReviewRecord;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.TokenOrigin;
import io.cascadelab.trace.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Tells what happened in one target step, phase by phase, in plain language: who proposed which
 * tokens, what each reviewer accepted and rejected and why (its probabilities), and what the target
 * kept. Works from the step event alone, so live runs, replays and simulations read the same.
 */
public final class StepNarrator {

    private StepNarrator() {
    }

    /**
     * The phases of {@code step} in the order they happened.
     *
     * @param text a token's text as shown to the user (quoted by the narrator)
     */
    public static List<Phase> narrate(StepEvent step, IntFunction<String> text) {
        List<Phase> out = new ArrayList<>();
        for (ReviewRecord r : step.reviews()) { // recorded as each review finished: lower levels first
            proposals(step, r, text, out);
            out.add(review(r, text));
        }
        ReviewRecord t = step.targetReview();
        out.add(outcome(step, t, text));
        return out;
    }

    /** The tokens a review took straight from a generator (after the outputs of the reviews below it). */
    private static void proposals(StepEvent step, ReviewRecord r, IntFunction<String> text, List<Phase> out) {
        int[] x = r.drafted();
        int from = 0;
        for (ReviewRecord child : step.reviews()) {
            if (child.parentId() == r.id()) {
                from += child.accepted() + 1;
            }
        }
        int i = Math.min(from, x.length);
        while (i < x.length) {
            TokenOrigin o = r.origins().get(i);
            int j = i;
            while (j < x.length && r.origins().get(j).source().equals(o.source())) {
                j++;
            }
            out.add(new Phase(Phase.Kind.PROPOSE, r.id(), o.level(), o.source(), proposal(o, x, i, j, r.reviewer(), text)));
            i = j;
        }
    }

    private static String proposal(TokenOrigin o, int[] x, int from, int to, String reviewer, IntFunction<String> text) {
        String tokens = quoted(x, from, to, text);
        int n = to - from;
        DrafterKind kind = DrafterKinds.of(o);
        String who = kind != null && kind.role() == DrafterKind.Role.STATISTICAL ? kind.label() : o.source();
        String how = kind == null ? "" : kind.why(o);
        return String.format(Locale.ROOT, "%s proposes %d token%s for %s to check: %s%s.", who, n, n == 1 ? "" : "s",
                reviewer, tokens, how.isEmpty() ? "" : " (" + how + ")");
    }

    private static Phase review(ReviewRecord r, IntFunction<String> text) {
        boolean target = r.level() == 0;
        Phase.Kind kind = target ? Phase.Kind.VERIFY : Phase.Kind.REVIEW;
        int[] x = r.drafted();
        int n = x.length;
        int m = r.accepted();
        String own = text.apply(r.extraToken()) + probability(r.extraProbability());
        StringBuilder b = new StringBuilder();
        String who = target ? "The target" : r.reviewer();
        if (n == 0) {
            b.append(who).append(" has no draft to check, so it generates one token itself: ").append(own).append('.');
            return new Phase(kind, r.id(), r.level(), r.reviewer(), b.toString());
        }
        b.append(who).append(" checks the ").append(n).append(" drafted token").append(n == 1 ? "" : "s")
                .append(" in one forward pass");
        if (!target && r.lenience() > 1) {
            b.append(String.format(Locale.ROOT, " (lenience %s: it also passes a token it gives more than 1/%s of the drafter's probability)",
                    trim(r.lenience()), trim(r.lenience())));
        }
        b.append(". ");
        if (m > 0) {
            b.append("It accepts ").append(quoted(x, 0, m, text)).append(m == n ? ", all of them" : "").append(". ");
        }
        if (m < n) {
            Verdict v = m < r.verdicts().size() ? r.verdicts().get(m) : null;
            b.append("It rejects ").append(text.apply(x[m]));
            if (v != null) {
                b.append(" because it gives it ").append(percent(v.p()));
                if (v.q() < 1) {
                    b.append(" where the drafter gave ").append(percent(v.q()));
                }
                if (!Double.isNaN(v.uniform())) {
                    b.append(String.format(Locale.ROOT, " (accepted with probability %.2f, the draw was %.2f)", v.acceptance(), v.uniform()));
                }
            }
            b.append(r.bonus() ? "" : " and prefers " + own).append(". ");
            int discarded = n - m - 1;
            if (discarded > 0) {
                b.append("The ").append(discarded).append(" token").append(discarded == 1 ? "" : "s")
                        .append(" drafted after it ").append(quoted(x, m + 1, n, text))
                        .append(discarded == 1 ? " is discarded unchecked: it continued" : " are discarded unchecked: they continued")
                        .append(" a text that will not be. ");
            }
            b.append(target ? "The target's " : "Its ").append(text.apply(r.extraToken())).append(" takes the rejected token's place.");
        } else {
            b.append("Its forward pass already predicts the next position, so it adds ").append(own).append(" as a bonus.");
        }
        return new Phase(kind, r.id(), r.level(), r.reviewer(), b.toString().trim());
    }

    private static Phase outcome(StepEvent step, ReviewRecord t, IntFunction<String> text) {
        int[] emitted = step.emitted().stream().mapToInt(e -> e.token()).toArray();
        String kept = quoted(emitted, 0, emitted.length, text);
        int n = t.drafted().length;
        int m = t.accepted();
        if (m < n) {
            return new Phase(Phase.Kind.ROLLBACK, t.id(), 0, t.reviewer(), String.format(Locale.ROOT,
                    "Rollback: the %d rejected or unchecked position%s leave%s every model's KV cache (the sequence ends at "
                            + "position %d); the step emits %d token%s for one target pass: %s.",
                    n - m, n - m == 1 ? "" : "s", n - m == 1 ? "s" : "", t.start() + m, emitted.length,
                    emitted.length == 1 ? "" : "s", kept));
        }
        return new Phase(Phase.Kind.RESULT, t.id(), 0, t.reviewer(), String.format(Locale.ROOT,
                "Nothing to roll back: the step emits %d token%s for one target pass: %s.", emitted.length,
                emitted.length == 1 ? "" : "s", kept));
    }

    private static String quoted(int[] x, int from, int to, IntFunction<String> text) {
        List<String> parts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            parts.add(text.apply(x[i]));
        }
        return String.join(" ", parts);
    }

    private static String probability(Double p) {
        return p == null || p.isNaN() ? "" : " (" + percent(p) + ")";
    }

    /** "91%", "3.0%", "0.4%": a decimal below 10% so that close small probabilities stay apart. */
    static String percent(double p) {
        double pc = p * 100;
        return pc >= 10 || pc == 0 ? String.format(Locale.ROOT, "%.0f%%", pc) : String.format(Locale.ROOT, "%.1f%%", pc);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
