package io.cascadelab.decode;

import java.util.List;

/**
 * Anything that proposes tokens to a reviewer: a statistical drafter (Max-Gram, …), a draft model
 * generating alone, a draft model reviewing the drafts of smaller ones (a whole lower cascade), a
 * head conditioned on the target's state. The reviewer never asks which kind it has: what a kind
 * can do beyond {@link #draft} it offers through the default methods below.
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

    /**
     * The drafters this one builds its drafts from (a reviewer's levels below it); empty for a leaf.
     * A cascade shares each drafter among every reviewer above it, so the run's lifecycle calls go
     * to each distinct drafter of the tree once ({@link Drafters#ofTree}), never through this list.
     */
    default List<Drafter> below() {
        return List.of();
    }

    /** Prepares for a new run over {@code input} (prefills caches). Called once per run. */
    default void start(DecodeInput input) {
    }

    /**
     * A step ended: {@code sequence} is committed (prompt and every emitted token), and the target
     * kept {@code accepted} of its draft tokens (as HF's {@code update_candidate_strategy}). Drafters
     * that learn from the run's text take it from here, never from unreviewed drafts.
     */
    default void accepted(int[] sequence, int accepted) {
    }

    /** The run ended with {@code sequence} committed (also when it was cancelled). */
    default void finish(int[] sequence) {
    }

    /**
     * A draft the target may review directly, skipping the draft models between it and this
     * drafter (a confident copy, see {@link CopyFastPath}); empty when there is none. Asked of the
     * bottom drafter of a cascade with draft models above it.
     */
    default List<DraftToken> fastPathDraft(StepScope scope, int[] sequence, int room) {
        return List.of();
    }

    /** True when the target should verify this drafter's {@link #candidates} as one tree instead of a chain. */
    default boolean proposesTree() {
        return false;
    }

    /** The candidate continuations of {@code sequence} for a tree verification (empty when it has none). */
    default List<DraftCandidate> candidates(StepScope scope, int[] sequence) {
        return List.of();
    }
}
