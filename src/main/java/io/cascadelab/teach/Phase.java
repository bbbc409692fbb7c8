package io.cascadelab.teach;

/**
 * One phase of a target step, in the order it happened, with a plain-language account of it.
 *
 * @param reviewId the review this phase belongs to (the review a proposal fed, or the review itself)
 * @param level    cascade level of the actor (0 = target)
 * @param actor    who acted: "MaG", a draft model, the speculator, the target
 */
public record Phase(Kind kind, int reviewId, int level, String actor, String text) {

    /** What kind of thing happened. */
    public enum Kind {
        /** A generator (Max-Gram, the speculator) proposed tokens. */
        PROPOSE,
        /** A draft model reviewed the draft below it. */
        REVIEW,
        /** The target verified the draft. */
        VERIFY,
        /** The target rejected a draft token: everything after it is thrown away. */
        ROLLBACK,
        /** The step's outcome when the target accepted every draft. */
        RESULT
    }
}
