package io.cascadelab.decode;

import io.cascadelab.trace.TokenOrigin;
import io.cascadelab.trace.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * A drafted token on its way up the cascade.
 *
 * @param q        the distribution the token was really emitted from given its prefix (null = one-hot);
 *                 the next reviewer tests the token against it
 * @param verdicts the reviews it has passed so far, lowest level first
 */
public record DraftToken(int token, float[] q, TokenOrigin origin, List<Verdict> verdicts) {

    public DraftToken {
        verdicts = List.copyOf(verdicts);
    }

    /** This token after one more review accepted it, now emitted from {@code newQ}. */
    public DraftToken acceptedBy(Verdict v, float[] newQ) {
        List<Verdict> all = new ArrayList<>(verdicts);
        all.add(v);
        return new DraftToken(token, newQ, origin, all);
    }
}
