package io.cascadelab.decode;

import java.util.random.RandomGenerator;

/**
 * Decides which prefix of a draft a reviewer keeps and which token it adds: a pure function over
 * probability distributions that never knows which model drafted or reviews.
 *
 * <p>One call is one review. With drafted tokens x_1..x_n (0-based arrays below):
 * <ul>
 *   <li>{@code reviewer[j]} is the reviewer's distribution p at drafted position j (already
 *       temperature / top-k / top-p processed), and {@code reviewer[n]} is p_{n+1}, used for the
 *       bonus token, so {@code reviewer.length == n + 1};</li>
 *   <li>{@code proposal[j]} is the distribution q that x_j was really drawn from; a null entry (or
 *       a null array) means a deterministic drafter, i.e. q one-hot on x_j (Max-Gram);</li>
 *   <li>{@code lenience} l ≥ 1; the engine passes 1 at the target and the cascade's l between
 *       draft levels.</li>
 * </ul>
 */
public interface AcceptanceRule {

    /**
     * Reviews one draft.
     *
     * @param drafted  the drafted tokens x_1..x_n (n may be 0: the review then only adds a bonus)
     * @param reviewer n + 1 reviewer distributions
     * @param proposal n proposal distributions, null entries (or null) for one-hot
     * @param lenience l ≥ 1
     * @param random   random source; greedy rules never draw from it and accept null
     */
    ReviewOutcome review(int[] drafted, float[][] reviewer, float[][] proposal, double lenience,
                         RandomGenerator random);

    /** Short name for traces and the UI, e.g. {@code "sampling"}. */
    String name();

    /**
     * Strict greedy (the target's rule): accept x iff x == argmax p; the extra token is argmax p
     * at the first mismatch, or argmax p_{n+1}. Ignores lenience.
     */
    static AcceptanceRule greedy() {
        return GreedyRule.STRICT;
    }

    /**
     * Lenient greedy (between draft levels): accept x iff x == argmax p, or l > 1 and
     * p(x) > q(x)/l (q(x) = 1 for a one-hot proposal). The extra token is argmax p. As in the
     * paper's code the probability branch only applies for l > 1, so l = 1 is strict greedy.
     */
    static AcceptanceRule lenientGreedy() {
        return GreedyRule.LENIENT;
    }

    /**
     * Speculative sampling, exact at l = 1 and lenient above: accept x with probability
     * min(1, l·p(x)/q(x)); on rejection draw from r = norm(max(0, p − a)) with
     * a(y) = min(q(y), l·p(y)); if all are accepted draw the bonus from p_{n+1}.
     */
    static AcceptanceRule sampling() {
        return SamplingRule.INSTANCE;
    }

    /**
     * The rule a review uses: sampling when the settings sample, otherwise strict greedy at the
     * target and lenient greedy between draft levels.
     */
    static AcceptanceRule forReview(SamplingSettings settings, boolean targetReview) {
        if (!settings.greedy()) {
            return sampling();
        }
        return targetReview ? greedy() : lenientGreedy();
    }
}
