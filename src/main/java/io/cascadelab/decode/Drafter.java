package io.cascadelab.decode;

import java.util.List;

/**
 * Anything that proposes tokens to a reviewer: Max-Gram, a draft model generating alone, a draft
 * model reviewing the drafts of smaller ones (a whole lower cascade), an MLP speculator. The
 * reviewer never asks which kind it has.
 */
public interface Drafter {

    /** Display name (model folder name, "MaG", …). */
    String name();

    /** Cascade level: 1 for the largest drafter, increasing downwards. */
    int level();

    /**
     * Proposes tokens continuing {@code sequence}, aiming at {@code wanted} of them: fewer if it has
     * nothing (Max-Gram without a match), possibly more (a review adds all tokens it accepts).
     */
    List<DraftToken> draft(StepScope scope, int[] sequence, int wanted);

    /** Prepares for a new run over {@code prompt} (prefills caches). */
    default void start(int[] prompt) {
    }
}
