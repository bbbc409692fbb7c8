package io.cascadelab.sim;

import io.cascadelab.decode.KMatrix;

import java.util.List;

/**
 * A simulation: the drafters (largest first; the last one generates, as Max-Gram does), the
 * k-matrix, lenience, length and seed. Greedy acceptance throughout.
 *
 * @param drafters     d_1..d_n; the last is a Max-Gram stand-in (its cost is taken as 0)
 * @param k            draft tokens per target review (the k-matrix is {@link KMatrix#expand})
 * @param lenience     lenience of the reviews between draft levels (≥ 1)
 * @param tokens       tokens to generate
 */
public record SimSettings(List<StandIn> drafters, int k, double lenience, int tokens, long seed) {

    public SimSettings {
        drafters = List.copyOf(drafters);
        if (drafters.isEmpty()) {
            throw new IllegalArgumentException("a simulation needs at least one drafter");
        }
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be >= 1, got " + tokens);
        }
    }

    /** The k-matrix the run uses (validates k against the depth). */
    public KMatrix kMatrix() {
        return KMatrix.expand(k, drafters.size());
    }

    /** The same settings with another k. */
    public SimSettings withK(int newK) {
        return new SimSettings(drafters, newK, lenience, tokens, seed);
    }
}
