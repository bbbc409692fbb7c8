package io.cascadelab.sim;

import io.cascadelab.decode.DraftToken;
import io.cascadelab.decode.Drafter;
import io.cascadelab.decode.StepScope;
import io.cascadelab.trace.TokenOrigin;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The stand-in Max-Gram at the bottom of the cascade: proposes the target's token at position j of
 * its proposal with the user's probability α_j, another token otherwise; free, like Max-Gram.
 */
final class StandInProposer implements Drafter {

    /** The drafter id of stand-in tokens (no registered kind: the window shows them in the neutral style). */
    static final String STAND_IN = "stand-in";

    private final StandIn spec;
    private final int level;
    private final SyntheticLanguage language;
    private final RandomGenerator random;

    StandInProposer(StandIn spec, int level, SyntheticLanguage language, RandomGenerator random) {
        this.spec = spec;
        this.level = level;
        this.language = language;
        this.random = random;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public List<DraftToken> draft(StepScope scope, int[] sequence, int wanted) {
        long t0 = System.nanoTime();
        int n = Math.max(0, Math.min(wanted, scope.limit() - sequence.length));
        int[] ctx = java.util.Arrays.copyOf(sequence, sequence.length + n);
        List<DraftToken> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int right = language.next(ctx, sequence.length + j);
            int token = random.nextDouble() < spec.acceptanceAt(j) ? right
                    : Rows.other(language.vocabSize(), right, random);
            ctx[sequence.length + j] = token;
            out.add(new DraftToken(token, null, TokenOrigin.drafted(level, name(), STAND_IN, null), List.of()));
        }
        scope.recorder().proposal(level, name(), n, t0);
        return out;
    }
}
