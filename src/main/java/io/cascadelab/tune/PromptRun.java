package io.cascadelab.tune;

/**
 * The measured figures of one configuration on one prompt (the median of the timed repeats), and
 * of plain decoding on the same prompt. Flat so that CSV and JSON hold it whole.
 *
 * @param identical     greedy lossless check: 1 identical to the baseline, 0 different, -1 not checked (sampling)
 * @param accepted      drafted tokens the target accepted (all drafters)
 * @param tested        drafted tokens the target tested
 * @param expected      speedup predicted from measured per-position acceptance and costs
 * @param verifyRatio   c_target(k+1) ÷ c_target(1): how much a verify costs over a one-token step
 * @param drafterShare  drafters' forward passes per step × c_m(1), as a fraction of c_target(1)
 * @param overheadShare fraction of the measured step time spent outside the modelled model calls
 * @param lateAlpha     mean acceptance α_j over the later half of the drafted positions (NaN if none tested)
 * @param chosenK       tokens drafted per step, for the oracle chart
 * @param oracleK       oracle k per step (accepted drafted tokens)
 */
public record PromptRun(String category, String prompt, long decodeNanos, int tokens, int steps, long baselineNanos,
                        int baselineTokens, int accepted, int tested, double swiSize, double swiMeasured,
                        double expected, int identical, double verifyRatio, double drafterShare,
                        double overheadShare, double lateAlpha, int[] chosenK, int[] oracleK) {
}
