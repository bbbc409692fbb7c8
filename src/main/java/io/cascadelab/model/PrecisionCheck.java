package io.cascadelab.model;

/**
 * The precision check of a lower compute dtype: the same model decodes greedily from the same
 * prompt in float32 (the reference) and in the candidate dtype; while their tokens agree the
 * contexts are identical, so their logits are compared position by position.
 */
public final class PrecisionCheck {

    private PrecisionCheck() {
    }

    /**
     * One prompt's comparison.
     *
     * @param tokens           tokens decoded by each model
     * @param compared         positions whose logits were compared (up to and including the first divergence)
     * @param maxAbsDiff       largest |candidate − reference| over every compared logit
     * @param logitScale       largest |reference logit| over the compared positions (for scale)
     * @param firstDivergence  index of the first greedy token that differs, or −1 when all agree
     * @param marginAtDivergence the reference's top-1 minus top-2 logit where the candidate chose differently (NaN when none)
     * @param smallestMargin   the smallest reference top-2 margin over the compared positions
     */
    public record Result(int tokens, int compared, double maxAbsDiff, double logitScale, int firstDivergence,
                         double marginAtDivergence, double smallestMargin) {

        /** True when the candidate's greedy tokens equal the reference's. */
        public boolean greedyIdentical() {
            return firstDivergence < 0;
        }
    }

    /**
     * Decodes {@code tokens} greedy tokens with both models from {@code prompt} (an encoder-decoder's
     * encoder input) and compares them.
     */
    public static Result compare(LoadedModel reference, LoadedModel candidate, int[] prompt, int tokens) {
        int room = prompt.length + tokens + 1;
        try (ModelSession ref = reference.newSession(room); ModelSession cand = candidate.newSession(room)) {
            float[] r = start(ref, prompt);
            float[] c = start(cand, prompt);
            double maxDiff = 0, scale = 0, smallest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < tokens; i++) {
                int rt = argmax(r), ct = argmax(c);
                double margin = margin(r, rt);
                smallest = Math.min(smallest, margin);
                for (int v = 0; v < r.length; v++) {
                    maxDiff = Math.max(maxDiff, Math.abs(c[v] - r[v]));
                    scale = Math.max(scale, Math.abs(r[v]));
                }
                if (rt != ct) {
                    return new Result(tokens, i + 1, maxDiff, scale, i, margin, smallest);
                }
                if (i + 1 < tokens) {
                    r = ref.forward(new int[] {rt}, false).logits()[0];
                    c = cand.forward(new int[] {ct}, false).logits()[0];
                }
            }
            return new Result(tokens, tokens, maxDiff, scale, -1, Double.NaN, smallest);
        }
    }

    /** Logits after the prompt (a decoder-only model) or after the decoder start token (an encoder-decoder). */
    private static float[] start(ModelSession s, int[] prompt) {
        if (s.model().seq2seq() != null) {
            s.encode(prompt);
            return s.forward(new int[] {s.model().config().encoder().decoderStartTokenId()}, false).logits()[0];
        }
        float[][] rows = s.forward(prompt, false).logits();
        return rows[rows.length - 1];
    }

    static int argmax(float[] row) {
        int best = 0;
        for (int v = 1; v < row.length; v++) {
            if (row[v] > row[best]) {
                best = v;
            }
        }
        return best;
    }

    /** The top logit minus the runner-up. */
    private static double margin(float[] row, int top) {
        double second = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < row.length; v++) {
            if (v != top) {
                second = Math.max(second, row[v]);
            }
        }
        return row[top] - second;
    }
}
