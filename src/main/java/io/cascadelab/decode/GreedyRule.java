package io.cascadelab.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Greedy acceptance, strict (target) or lenient (between draft levels); see {@link AcceptanceRule}. */
final class GreedyRule implements AcceptanceRule {

    static final GreedyRule STRICT = new GreedyRule(false, "greedy");
    static final GreedyRule LENIENT = new GreedyRule(true, "greedy-lenient");

    private final boolean lenient;
    private final String name;

    private GreedyRule(boolean lenient, String name) {
        this.lenient = lenient;
        this.name = name;
    }

    @Override
    public ReviewOutcome review(int[] drafted, float[][] reviewer, float[][] proposal, double lenience,
                                RandomGenerator random) {
        ReviewInputs.validate(drafted, reviewer, proposal, lenience);
        int n = drafted.length;
        List<PositionDecision> decisions = new ArrayList<>(n);
        List<float[]> emittedFrom = new ArrayList<>(n + 1);
        for (int j = 0; j < n; j++) {
            float[] p = reviewer[j];
            int x = drafted[j];
            int best = Distribution.argmax(p);
            double qx = ReviewInputs.proposalProbability(proposal, j, x);
            boolean accepted = x == best || (lenient && lenience > 1 && p[x] > qx / lenience);
            decisions.add(new PositionDecision(j, x, p[x], qx, accepted ? 1 : 0, Double.NaN, accepted));
            // The paper's code passes the reviewer's p up as the distribution of every emitted position.
            emittedFrom.add(p);
            if (!accepted) {
                return outcome(drafted, j, best, ReviewOutcome.Extra.CORRECTION, decisions, emittedFrom);
            }
        }
        emittedFrom.add(reviewer[n]);
        return outcome(drafted, n, Distribution.argmax(reviewer[n]), ReviewOutcome.Extra.BONUS, decisions, emittedFrom);
    }

    private static ReviewOutcome outcome(int[] drafted, int accepted, int extra, ReviewOutcome.Extra kind,
                                         List<PositionDecision> decisions, List<float[]> emittedFrom) {
        int[] emitted = new int[accepted + 1];
        System.arraycopy(drafted, 0, emitted, 0, accepted);
        emitted[accepted] = extra;
        return new ReviewOutcome(drafted.length, accepted, emitted, kind, decisions, emittedFrom);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
