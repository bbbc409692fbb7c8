package io.cascadelab.decode;

/**
 * What a reviewer scores its draft with: one pass giving the distribution at every drafted
 * position and the one after. A model ({@link ModelScorer}) or a stand-in (the simulator).
 */
public interface DraftScorer {

    /** Prepares for a run over {@code prompt}. */
    void prefill(int[] prompt);

    /**
     * softmax(logits / temperature) predicting {@code drafts[0..n-1]} and the token after them,
     * given {@code sequence}: n + 1 rows.
     */
    ModelScorer.Pass score(int[] sequence, int[] drafts, double temperature);

    /** Longest sequence (drafts included) this scorer can score: a model's context; unbounded for stand-ins. */
    default int capacity() {
        return Integer.MAX_VALUE;
    }
}
