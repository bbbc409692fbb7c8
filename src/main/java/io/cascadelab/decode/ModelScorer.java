package io.cascadelab.decode;

import io.cascadelab.model.ModelSession;

import java.util.Arrays;

/**
 * Scores a draft with one forward pass, keeping the model's KV cache in step with the sequence:
 * the cache is rolled back to the longest prefix it shares with the sequence (rejected tokens
 * vanish for free) and stays one token behind, so the pass also yields the distribution for the
 * first drafted position.
 */
public final class ModelScorer {

    private final ModelSession session;

    public ModelScorer(ModelSession session) {
        this.session = session;
    }

    /** The session scored on. */
    public ModelSession session() {
        return session;
    }

    /** Result of one pass: softmaxed rows for drafted positions 1..n and the bonus position, and tokens fed. */
    public record Pass(float[][] probabilities, int tokensIn) {
    }

    /** Feeds everything but the last prompt token (prefill). */
    public void prefill(int[] prompt) {
        session.truncate(0);
        if (prompt.length > 1) {
            session.forward(Arrays.copyOf(prompt, prompt.length - 1), false);
        }
    }

    /**
     * softmax(logits / temperature) predicting {@code drafts[0..n-1]} and the token after them,
     * given {@code sequence}.
     */
    public Pass score(int[] sequence, int[] drafts, double temperature) {
        int[] full = Arrays.copyOf(sequence, sequence.length + drafts.length);
        System.arraycopy(drafts, 0, full, sequence.length, drafts.length);
        int keep = Math.min(session.commonPrefix(full), sequence.length - 1);
        session.truncate(keep);
        float[][] rows = session.forward(Arrays.copyOfRange(full, keep, full.length), false, temperature).logits();
        return new Pass(Arrays.copyOfRange(rows, rows.length - drafts.length - 1, rows.length), full.length - keep);
    }
}
