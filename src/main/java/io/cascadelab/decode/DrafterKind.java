package io.cascadelab.decode;

import io.cascadelab.trace.TokenOrigin;

import java.util.Map;

/**
 * A kind of drafter, described once: its name, role, how its tokens are coloured, narrated and
 * explained, and how it becomes a cascade level. The Method panel, the CLI, the token view, the
 * step narrator and the cascade builder all read drafters from here ({@link DrafterKinds}), so a
 * new kind is its own package plus one line in {@code META-INF/services/io.cascadelab.decode.DrafterKind}.
 */
public interface DrafterKind {

    /** What a drafter is to the cascade. */
    enum Role {
        /** Free, model-less proposals from text statistics (Max-Gram, the suffix drafter): the bottom level. */
        STATISTICAL,
        /** A smaller language model that reviews the drafts below it. */
        DRAFT_MODEL,
        /** A head that reads the target's hidden state (an MLP speculator): always d_1. */
        TARGET_HEAD
    }

    /** The id used by the CLI, traces and settings ("mag", "suffix", "spec"). */
    String id();

    /** Human name ("Max-Gram"). */
    String label();

    /** Its role. */
    Role role();

    /** One sentence for the CLI's help and the Method panel's tooltips. */
    String help();

    /** The style class and legend words of a token it proposed. */
    DrafterStyle style(TokenOrigin origin);

    /** Every style class {@link #style} can return, with its colour (a CSS colour). */
    Map<String, String> colours();

    /** Why it proposed a run of tokens starting with {@code first}, for the step narrator ("" = nothing to add). */
    String why(TokenOrigin first);

    /** Extra tooltip line for a token it proposed, such as where it was copied from ("" = none). */
    String detail(TokenOrigin origin);

    /**
     * Forgets what earlier runs over {@code family} taught it (a drafter that learns across runs);
     * benchmarks call it so that repeated measurements of one prompt measure the same thing.
     */
    default void forgetRuns(ModelFamily family) {
    }

    /** Whether {@code family} can run it (the panels offer only those). */
    default boolean availableIn(ModelFamily family) {
        return true;
    }

    /**
     * The level it runs as in {@code method} over {@code family}; refuses with a message naming what
     * is missing (a speculator folder, …).
     */
    LevelSpec level(ModelFamily family, MethodSpec method);
}
