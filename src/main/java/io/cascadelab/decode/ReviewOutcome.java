package io.cascadelab.decode;

import java.util.Arrays;
import java.util.List;

/**
 * The result of one review (one forward pass of the reviewer over a draft of n tokens): the
 * accepted prefix of m drafted tokens plus the reviewer's own extra token.
 *
 * @param draftLength          n, the number of drafted tokens that were offered
 * @param acceptedCount        m in 0..n, the length of the accepted prefix
 * @param emittedTokens        the m accepted drafted tokens followed by the extra token (m + 1 tokens)
 * @param extraKind            whether the extra token corrects position m+1 or is a bonus after all n
 * @param decisions            one record per drafted token that was actually tested: m + 1 when a
 *                             token was rejected, n when all were accepted (tokens after a rejection
 *                             are never tested)
 * @param emittedDistributions for each emitted token, the distribution it was really emitted from
 *                             given its prefix, to be passed up as the proposal q of the level above.
 *                             Sampling rules give the exact q' of docs/ALGORITHMS.md (a drafted position:
 *                             {@code a + (1-β)·r}; the bonus: p). Greedy rules give the reviewer's
 *                             p at that position, which is what the paper's code passes up for the
 *                             next lenient greedy check. Arrays are shared, not copied: do not modify.
 */
public record ReviewOutcome(
        int draftLength,
        int acceptedCount,
        int[] emittedTokens,
        Extra extraKind,
        List<PositionDecision> decisions,
        List<float[]> emittedDistributions) {

    /** Where the reviewer's extra token goes. */
    public enum Extra {
        /** Replaces the first rejected drafted token (position m+1, m < n). */
        CORRECTION,
        /** Follows a fully accepted draft (position n+1). */
        BONUS
    }

    /** Checks that the parts describe one consistent review. */
    public ReviewOutcome {
        if (acceptedCount < 0 || acceptedCount > draftLength) {
            throw new IllegalArgumentException("acceptedCount " + acceptedCount + " outside 0.." + draftLength);
        }
        if (emittedTokens.length != acceptedCount + 1 || emittedDistributions.size() != acceptedCount + 1) {
            throw new IllegalArgumentException("a review emits acceptedCount + 1 = " + (acceptedCount + 1)
                    + " tokens and distributions, got " + emittedTokens.length + " and " + emittedDistributions.size());
        }
        if ((extraKind == Extra.BONUS) != (acceptedCount == draftLength)) {
            throw new IllegalArgumentException(extraKind + " does not fit " + acceptedCount + " of "
                    + draftLength + " accepted");
        }
        emittedTokens = emittedTokens.clone();
        decisions = List.copyOf(decisions);
        emittedDistributions = List.copyOf(emittedDistributions);
    }

    /** The emitted tokens (a copy). */
    @Override
    public int[] emittedTokens() {
        return emittedTokens.clone();
    }

    /** The reviewer's own token: the correction or the bonus. */
    public int extraToken() {
        return emittedTokens[acceptedCount];
    }

    /** True when every drafted token was accepted and the extra token is a bonus. */
    public boolean isBonus() {
        return extraKind == Extra.BONUS;
    }

    /** Number of tokens this review adds to the sequence (m + 1, never 0). */
    public int emittedCount() {
        return acceptedCount + 1;
    }

    /** Short form for logs and test failures (the arrays by content, not identity). */
    @Override
    public String toString() {
        return "ReviewOutcome[accepted " + acceptedCount + "/" + draftLength + ", emitted "
                + Arrays.toString(emittedTokens) + ", " + extraKind + "]";
    }
}
