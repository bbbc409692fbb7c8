package io.cascadelab.decode;

/**
 * The settings a run reads at every step boundary, so slider changes take effect at the next
 * target step without a restart.
 */
public record LiveSettings(KMatrix kMatrix, double lenience) {

    public LiveSettings {
        if (!(lenience >= 1) || Double.isInfinite(lenience)) {
            throw new IllegalArgumentException("lenience must be a finite number >= 1, got " + lenience);
        }
    }
}
