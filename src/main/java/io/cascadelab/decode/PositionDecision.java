package io.cascadelab.decode;

/**
 * What a reviewer decided about one drafted token.
 *
 * @param position              0-based position within the reviewed draft
 * @param token                 the drafted token x
 * @param reviewerProbability   p(x) under the reviewer's distribution
 * @param proposalProbability   q(x) under the distribution x was drawn from (1 for a one-hot proposal)
 * @param acceptanceProbability probability that x is accepted (greedy rules: exactly 0 or 1)
 * @param uniform               the uniform draw compared with it, NaN for greedy rules (no randomness)
 * @param accepted              whether x was kept
 */
public record PositionDecision(
        int position,
        int token,
        double reviewerProbability,
        double proposalProbability,
        double acceptanceProbability,
        double uniform,
        boolean accepted) {
}
