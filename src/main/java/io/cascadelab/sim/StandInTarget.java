package io.cascadelab.sim;

import io.cascadelab.decode.DraftScorer;
import io.cascadelab.decode.DecodeInput;
import io.cascadelab.decode.ModelScorer;

/** The stand-in target: sure of the synthetic language's next token, so greedy reviews accept exactly the drafts that match it. */
final class StandInTarget implements DraftScorer {

    private final SyntheticLanguage language;

    StandInTarget(SyntheticLanguage language) {
        this.language = language;
    }

    @Override
    public void prefill(DecodeInput input) {
    }

    @Override
    public ModelScorer.Pass score(int[] sequence, int[] drafts, double temperature) {
        int[] full = Rows.concat(sequence, drafts);
        float[][] rows = new float[drafts.length + 1][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Rows.peaked(language.vocabSize(), language.next(full, sequence.length + i), Rows.SURE);
        }
        return new ModelScorer.Pass(rows, drafts.length + 1);
    }
}
