package io.cascadelab.decode;

import io.cascadelab.trace.StepRecorder;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * What every level needs during one target step: settings, the run's random stream, the
 * step's recorder, the context limit and cancellation.
 *
 * @param promptLength     length of the decoded sequence's start (the prompt of a decoder-only model)
 * @param limit            the run's context (the target's): the sequence never grows longer than this
 * @param confidenceCutoff the target's draft ends at the first token its drafter gave less probability (0 = never)
 * @param encoderInput     the input read apart from the decoded tokens (empty for a decoder-only model)
 */
public record StepScope(int promptLength, SamplingSettings sampling, double lenience, KMatrix kMatrix,
                        RandomGenerator random, StepRecorder recorder, int limit, BooleanSupplier cancelled,
                        double confidenceCutoff, int[] encoderInput) {

    /** A decoder-only scope. */
    public StepScope(int promptLength, SamplingSettings sampling, double lenience, KMatrix kMatrix,
                     RandomGenerator random, StepRecorder recorder, int limit, BooleanSupplier cancelled,
                     double confidenceCutoff) {
        this(promptLength, sampling, lenience, kMatrix, random, recorder, limit, cancelled, confidenceCutoff, new int[0]);
    }

    /** A scope without a confidence cut-off. */
    public StepScope(int promptLength, SamplingSettings sampling, double lenience, KMatrix kMatrix,
                     RandomGenerator random, StepRecorder recorder, int limit, BooleanSupplier cancelled) {
        this(promptLength, sampling, lenience, kMatrix, random, recorder, limit, cancelled, 0);
    }

    /** Throws if the user cancelled; checked between model calls so a stop lands mid-step. */
    public void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("decoding cancelled");
        }
    }
}
