package io.cascadelab.trace;

/**
 * One model call inside a step (a forward pass, or a Max-Gram lookup).
 *
 * @param reviewId     the review this call served
 * @param tokensIn     tokens fed to the model (catch-up tokens plus the draft)
 * @param drafted      draft tokens scored (or proposed, for Max-Gram)
 * @param startNanos   start, relative to the step's start
 */
public record CallRecord(int reviewId, int level, String model, int tokensIn, int drafted, long startNanos,
                         long nanos) {
}
