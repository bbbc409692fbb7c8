package io.cascadelab.decode;

/**
 * What a reviewer scores its draft with: one pass giving the distribution at every drafted
 * position and the one after. A model ({@link ModelScorer}) or a stand-in (the simulator).
 */
public interface DraftScorer {

    /** Prepares for a run over {@code input}. */
    void prefill(DecodeInput input);

    /**
     * softmax(logits / temperature) predicting {@code drafts[0..n-1]} and the token after them,
     * given {@code sequence}: n + 1 rows.
     */
    ModelScorer.Pass score(int[] sequence, int[] drafts, double temperature);

    /** Longest sequence (drafts included) this scorer can score: a model's context; unbounded for stand-ins. */
    default int capacity() {
        return Integer.MAX_VALUE;
    }

    /**
     * Scores a candidate tree after {@code sequence} in one pass (tree attention): row 0 predicts the
     * first token, row 1 + i the token after node i. Only a real model can.
     */
    default ModelScorer.TreePass scoreTree(int[] sequence, int[] nodes, int[] nodeParent, double temperature) {
        throw new UnsupportedOperationException("this reviewer cannot verify a candidate tree");
    }

    /** Keeps the final hidden states {@code rows} of {@code context} from position {@code first} (for head drafters). */
    default void remember(int[] context, int first, float[][] rows) {
    }
}
