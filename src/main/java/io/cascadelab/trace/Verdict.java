package io.cascadelab.trace;

/**
 * One reviewer's decision on one drafted token.
 *
 * @param p          reviewer probability p(x)
 * @param q          proposal probability q(x) (1 for a deterministic drafter)
 * @param acceptance acceptance probability (greedy: 0 or 1)
 * @param uniform    the uniform draw (NaN for greedy)
 */
public record Verdict(int level, String reviewer, double p, double q, double acceptance, double uniform,
                      boolean accepted) {
}
