package io.cascadelab.sim;

import io.cascadelab.decode.DraftScorer;
import io.cascadelab.decode.DecodeInput;
import io.cascadelab.decode.ModelScorer;

import java.util.random.RandomGenerator;

/**
 * A stand-in draft model inside the cascade: at position j of the draft it reviews it agrees with
 * the target with the user's probability α_j (drawn afresh for every pass), else it prefers
 * another token.
 */
final class StandInReviewer implements DraftScorer {

    private final StandIn spec;
    private final SyntheticLanguage language;
    private final RandomGenerator random;

    StandInReviewer(StandIn spec, SyntheticLanguage language, RandomGenerator random) {
        this.spec = spec;
        this.language = language;
        this.random = random;
    }

    @Override
    public void prefill(DecodeInput input) {
    }

    @Override
    public ModelScorer.Pass score(int[] sequence, int[] drafts, double temperature) {
        int[] full = Rows.concat(sequence, drafts);
        int vocab = language.vocabSize();
        float[][] rows = new float[drafts.length + 1][];
        for (int i = 0; i < rows.length; i++) {
            int right = language.next(full, sequence.length + i);
            rows[i] = random.nextDouble() < spec.acceptanceAt(i) ? Rows.peaked(vocab, right, Rows.SURE)
                    : Rows.mistaken(vocab, Rows.other(vocab, right, random), right);
        }
        return new ModelScorer.Pass(rows, drafts.length + 1);
    }
}
