package io.cascadelab.decode;

import java.util.Locale;

/**
 * How k (draft tokens per target review) is chosen step by step: fixed, or adapted from what the
 * previous steps accepted. The engine asks a fresh {@link KSchedule} per run.
 */
public sealed interface KPolicy {

    /** Fixed k (the slider's or the sweep cell's). */
    KPolicy STATIC = new Static();

    /** Short name as parsed and shown, e.g. "heuristic" or "confidence:0.4". */
    String label();

    /** Drafter confidence below which the target's draft is cut (0 = never cut). */
    default double confidenceCutoff() {
        return 0;
    }

    /** Whether the policy changes k during a run (and so needs k from the slider, not an explicit K matrix). */
    default boolean adaptsK() {
        return false;
    }

    /** A fresh per-run schedule starting at {@code k0}, kept within [{@code kMin}, {@code kMax}]. */
    KSchedule schedule(int k0, int kMin, int kMax);

    /** Fixed k. */
    record Static() implements KPolicy {
        @Override
        public String label() {
            return "static";
        }

        @Override
        public KSchedule schedule(int k0, int kMin, int kMax) {
            return KSchedule.fixed(k0);
        }
    }

    /** "+2 if every drafted token was accepted, else −1" (the heuristic of Hugging Face assisted generation). */
    record Heuristic() implements KPolicy {
        @Override
        public String label() {
            return "heuristic";
        }

        @Override
        public boolean adaptsK() {
            return true;
        }

        @Override
        public KSchedule schedule(int k0, int kMin, int kMax) {
            return new HeuristicSchedule(k0, kMin, kMax);
        }
    }

    /**
     * Fixed k, but the target's draft ends at the first token its drafter gave less than
     * {@code threshold} probability: a draft the drafter itself doubts is unlikely to be accepted
     * and only makes the verify longer. Max-Gram's copies count as certain.
     */
    record Confidence(double threshold) implements KPolicy {
        public Confidence {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("confidence cut-off must be between 0 and 1 (exclusive), got "
                        + threshold + "; e.g. confidence:0.4");
            }
        }

        @Override
        public String label() {
            return "confidence:" + threshold;
        }

        @Override
        public double confidenceCutoff() {
            return threshold;
        }

        @Override
        public KSchedule schedule(int k0, int kMin, int kMax) {
            return KSchedule.fixed(k0);
        }
    }

    /**
     * The k that maximises measured goodput: expected tokens per step from the per-position
     * acceptance seen so far, divided by the step time predicted from the steps seen so far.
     */
    record Goodput() implements KPolicy {
        @Override
        public String label() {
            return "goodput";
        }

        @Override
        public boolean adaptsK() {
            return true;
        }

        @Override
        public KSchedule schedule(int k0, int kMin, int kMax) {
            return new GoodputSchedule(k0, kMin, kMax);
        }
    }

    /** Parses "static", "heuristic", "confidence" (cut-off 0.4), "confidence:0.3" or "goodput". */
    static KPolicy parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("static")) {
            return STATIC;
        }
        if (s.equals("heuristic")) {
            return new Heuristic();
        }
        if (s.equals("goodput")) {
            return new Goodput();
        }
        if (s.equals("confidence")) {
            return new Confidence(0.4);
        }
        if (s.startsWith("confidence:")) {
            try {
                return new Confidence(Double.parseDouble(s.substring("confidence:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("k policy '" + text + "': the cut-off after 'confidence:' must be a "
                        + "number between 0 and 1, e.g. confidence:0.4");
            }
        }
        throw new IllegalArgumentException("unknown k policy '" + text
                + "': use static, heuristic, confidence[:cut-off] or goodput");
    }
}
