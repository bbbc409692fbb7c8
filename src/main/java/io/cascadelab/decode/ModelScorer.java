package io.cascadelab.decode;

import io.cascadelab.model.ModelSession;

import java.util.Arrays;

/**
 * Scores a draft with one forward pass, keeping the model's KV cache in step with the sequence:
 * the cache is rolled back to the longest prefix it shares with the sequence (rejected tokens
 * vanish for free) and stays one token behind, so the pass also yields the distribution for the
 * first drafted position.
 *
 * <p>When asked to keep hidden states (a target with an MLP speculator below it), every pass also
 * remembers the final hidden states of the positions it computed, so that the speculator can read
 * the state that emitted the last token of the next step's sequence without another forward.
 */
public final class ModelScorer implements DraftScorer {

    private final ModelSession session;
    private final boolean keepHidden;
    private int[] hiddenContext = new int[0]; // tokens the remembered rows were computed over
    private int hiddenFirst;                  // absolute position of hiddenRows[0]
    private float[][] hiddenRows = new float[0][];

    public ModelScorer(ModelSession session) {
        this(session, false);
    }

    /** @param keepHidden remember the final hidden states of every scored position (for a speculator) */
    public ModelScorer(ModelSession session, boolean keepHidden) {
        this.session = session;
        this.keepHidden = keepHidden;
    }

    /** The session scored on. */
    public ModelSession session() {
        return session;
    }

    /** Result of one pass: softmaxed rows for drafted positions 1..n and the bonus position, and tokens fed. */
    public record Pass(float[][] probabilities, int tokensIn) {
    }

    @Override
    public int capacity() {
        return session.capacity();
    }

    /**
     * Feeds everything but the last token of the decoded start (prefill); a start longer than the
     * context is left for the target. An encoder-decoder reads the encoder input first (once per
     * run); a decoder-only model refuses one.
     */
    @Override
    public void prefill(DecodeInput input) {
        if (session.model().config().encoderDecoder()) {
            if (!input.hasEncoderInput()) {
                throw new IllegalArgumentException(session.model().name() + " is an encoder-decoder: give the text it"
                        + " reads as the encoder input");
            }
            session.encode(input.encoderInput());
        } else if (input.hasEncoderInput()) {
            throw new IllegalArgumentException("this model is decoder-only: it has no encoder to read a separate input;"
                    + " give the input as the prompt");
        }
        int[] prompt = input.start();
        session.truncate(0);
        forget();
        if (prompt.length > 1 && prompt.length <= session.capacity()) {
            int[] head = Arrays.copyOf(prompt, prompt.length - 1);
            float[] last = session.feed(head, keepHidden); // nobody reads the prompt's logits
            if (keepHidden) {
                remember(head, head.length - 1, new float[][] {last});
            }
        }
    }

    /**
     * softmax(logits / temperature) predicting {@code drafts[0..n-1]} and the token after them,
     * given {@code sequence}.
     */
    @Override
    public Pass score(int[] sequence, int[] drafts, double temperature) {
        int[] full = Arrays.copyOf(sequence, sequence.length + drafts.length);
        System.arraycopy(drafts, 0, full, sequence.length, drafts.length);
        int keep = Math.min(session.commonPrefix(full), sequence.length - 1);
        session.truncate(keep);
        int[] fed = Arrays.copyOfRange(full, keep, full.length);
        ModelSession.Scores s = keepHidden ? session.forwardAllHidden(fed, temperature)
                : session.forward(fed, false, temperature);
        if (keepHidden) {
            remember(full, keep, s.hidden());
        }
        float[][] rows = s.logits();
        return new Pass(Arrays.copyOfRange(rows, rows.length - drafts.length - 1, rows.length), full.length - keep);
    }

    /**
     * Result of a tree pass: row 0 is the sequence's last token (the root, predicting the first
     * drafted position), row 1 + j is tree node j (predicting the position after it); rows are
     * softmaxed at the pass's temperature.
     */
    public record TreePass(float[][] probabilities, float[][] hidden, int tokensIn) {
    }

    /**
     * Scores a candidate tree hanging off {@code sequence} in one pass (tree attention), catching
     * the cache up on tokens it has not seen. Afterwards the cache holds the sequence minus its last
     * token, as after {@link #score}; the tree itself is not kept.
     *
     * @param nodes      the tree's tokens
     * @param nodeParent each node's parent node index, or −1 for a child of the sequence's last token
     * @param temperature softmax temperature of the returned rows
     */
    @Override
    public TreePass scoreTree(int[] sequence, int[] nodes, int[] nodeParent, double temperature) {
        int keep = Math.min(session.commonPrefix(sequence), sequence.length - 1);
        session.truncate(keep);
        int chain = sequence.length - keep; // catch-up tokens through the root, >= 1
        int[] tokens = new int[chain + nodes.length];
        int[] parent = new int[tokens.length];
        for (int i = 0; i < chain; i++) {
            tokens[i] = sequence[keep + i];
            parent[i] = i - 1;
        }
        for (int j = 0; j < nodes.length; j++) {
            tokens[chain + j] = nodes[j];
            parent[chain + j] = nodeParent[j] < 0 ? chain - 1 : chain + nodeParent[j];
        }
        ModelSession.Scores s = session.forwardTree(tokens, parent, chain - 1, temperature);
        if (keepHidden) {
            remember(sequence, keep, Arrays.copyOfRange(s.hidden(), 0, chain));
        }
        return new TreePass(Arrays.copyOfRange(s.logits(), chain - 1, tokens.length),
                Arrays.copyOfRange(s.hidden(), chain - 1, tokens.length), tokens.length);
    }

    /**
     * The final hidden state that emitted the last token of {@code sequence}, i.e. the state at
     * position {@code sequence.length − 2}, if a recent pass computed it over the same tokens;
     * null otherwise (nothing scored yet, or the sequence holds tokens this model has not seen).
     */
    public float[] hiddenBeforeLast(int[] sequence) {
        int pos = sequence.length - 2;
        if (pos < hiddenFirst || pos >= hiddenFirst + hiddenRows.length || pos >= hiddenContext.length) {
            return null;
        }
        for (int i = 0; i <= pos; i++) {
            if (hiddenContext[i] != sequence[i]) {
                return null;
            }
        }
        return hiddenRows[pos - hiddenFirst];
    }

    /**
     * Remembers hidden states computed elsewhere (a tree pass): {@code rows[i]} is the state at
     * position {@code first + i} over {@code context}.
     */
    @Override
    public void remember(int[] context, int first, float[][] rows) {
        hiddenContext = context.clone();
        hiddenFirst = first;
        hiddenRows = rows.clone();
    }

    private void forget() {
        hiddenContext = new int[0];
        hiddenFirst = 0;
        hiddenRows = new float[0][];
    }
}
