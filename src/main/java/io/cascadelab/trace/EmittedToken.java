package io.cascadelab.trace;

import java.util.List;

/**
 * A token the run emitted, with its provenance and every reviewer's verdict on it (lowest level first).
 *
 * @param position absolute position in the sequence (prompt included)
 */
public record EmittedToken(int token, int position, TokenOrigin origin, List<Verdict> verdicts) {

    public EmittedToken {
        verdicts = List.copyOf(verdicts);
    }
}
