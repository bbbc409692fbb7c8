package io.cascadelab.decode;

/**
 * The settings a run reads at every step boundary, so slider changes take effect at the next
 * target step without a restart.
 *
 * @param confidenceCutoff the target's draft ends at the first token its drafter gave less
 *                         probability than this (0 = never; see {@link KPolicy.Confidence})
 */
public record LiveSettings(KMatrix kMatrix, double lenience, double confidenceCutoff) {

    public LiveSettings {
        if (!(lenience >= 1) || Double.isInfinite(lenience)) {
            throw new IllegalArgumentException("lenience must be a finite number >= 1, got " + lenience);
        }
    }

    /** Settings without a confidence cut-off. */
    public LiveSettings(KMatrix kMatrix, double lenience) {
        this(kMatrix, lenience, 0);
    }
}
