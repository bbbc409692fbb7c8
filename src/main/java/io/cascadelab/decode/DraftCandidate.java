package io.cascadelab.decode;

import io.cascadelab.trace.TokenOrigin;

import java.util.List;

/**
 * One candidate continuation for a tree verification.
 *
 * @param logProb the drafter's summed log-probability (traces show it)
 * @param origins who proposed each token
 */
public record DraftCandidate(int[] tokens, double logProb, List<TokenOrigin> origins) {

    public DraftCandidate {
        origins = List.copyOf(origins);
        if (origins.size() != tokens.length) {
            throw new IllegalArgumentException("a candidate needs one origin per token");
        }
    }
}
