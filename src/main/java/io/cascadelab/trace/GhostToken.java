package io.cascadelab.trace;

import java.util.List;

/**
 * A drafted token that did not survive a review: rejected when tested, or discarded untested
 * because an earlier token was rejected.
 *
 * @param position   absolute sequence position it was drafted for
 * @param rejectedBy level of the reviewer that dropped it
 * @param tested     true if the reviewer tested (and rejected) it; false if discarded after a rejection
 */
public record GhostToken(int token, int position, TokenOrigin origin, int rejectedBy, boolean tested,
                         List<Verdict> verdicts) {

    public GhostToken {
        verdicts = List.copyOf(verdicts);
    }
}
