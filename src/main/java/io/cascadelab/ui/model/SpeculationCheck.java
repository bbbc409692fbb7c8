package io.cascadelab.ui.model;

import java.util.Locale;
import java.util.Map;

/**
 * "Is speculation active?", from ground truth: the drafted and accepted token counts of this run.
 * Warns when the drafters never propose, or when their drafts are never accepted.
 */
public record SpeculationCheck(State state, String text) {

    /** Steps to wait before calling a silent drafter inactive. */
    static final int GRACE_STEPS = 3;
    /** Tested drafts before calling a drafter that never gets accepted useless. */
    static final int GRACE_TESTED = 10;

    /** What the indicator shows. */
    public enum State {
        /** Plain decoding: no drafter in the method. */
        PLAIN,
        /** Too early to tell. */
        WAITING,
        /** Drafts are proposed and accepted. */
        ACTIVE,
        /** Drafters never propose, or their drafts are never accepted. */
        WARNING
    }

    /** The check for {@code s}, or null before the first step. */
    public static SpeculationCheck of(StatsSnapshot s) {
        if (s == null || s.metrics().steps() == 0) {
            return null;
        }
        int steps = s.metrics().steps();
        if (s.timeShareNanos().size() <= 1) { // only the target ran
            return new SpeculationCheck(State.PLAIN, "No speculation: plain decoding");
        }
        int drafted = sum(s.metrics().draftedTokens());
        int accepted = sum(s.metrics().acceptedTokens());
        int tested = sum(s.metrics().testedTokens());
        if (drafted == 0) {
            return steps < GRACE_STEPS ? new SpeculationCheck(State.WAITING, "Speculation: no draft yet")
                    : new SpeculationCheck(State.WARNING, String.format(Locale.ROOT,
                            "Speculation inactive: the drafters proposed nothing in %d steps", steps));
        }
        if (accepted == 0 && tested >= GRACE_TESTED) {
            return new SpeculationCheck(State.WARNING, String.format(Locale.ROOT,
                    "Speculation not paying: none of %d tested drafts accepted", tested));
        }
        for (Map.Entry<String, Integer> e : s.metrics().testedTokens().entrySet()) {
            if (e.getValue() >= GRACE_TESTED && s.metrics().acceptedTokens().getOrDefault(e.getKey(), 0) == 0) {
                return new SpeculationCheck(State.WARNING, String.format(Locale.ROOT,
                        "%s is never accepted (0 of %d tested); %d of %d drafts accepted overall", e.getKey(), e.getValue(),
                        accepted, drafted));
            }
        }
        return new SpeculationCheck(State.ACTIVE, String.format(Locale.ROOT,
                "Speculation active: %d drafted, %d accepted by the target", drafted, accepted));
    }

    private static int sum(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }
}
