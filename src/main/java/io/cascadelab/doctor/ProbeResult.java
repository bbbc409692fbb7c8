package io.cascadelab.doctor;

import java.util.List;

/**
 * A short greedy run of the pair (the drafter alone below the target) to estimate acceptance.
 *
 * @param acceptanceRate  AR: the drafter's tokens the target accepted ÷ those it tested
 * @param acceptedLength  AL: tokens per target step
 * @param expectedAl      (1−α^(k+1))/(1−α) with α = AR: what a long run should reach
 * @param output          the ids the run emitted (greedy, so the target's own continuation or answer)
 */
public record ProbeResult(int tokens, int steps, int k, double acceptanceRate, double acceptedLength, double expectedAl,
                          List<Integer> output) {

    public ProbeResult {
        output = List.copyOf(output);
    }
}
