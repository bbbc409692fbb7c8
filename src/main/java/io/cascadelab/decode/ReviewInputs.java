package io.cascadelab.decode;

/** Checks the arguments of {@link AcceptanceRule#review} once, so the rules can assume them. */
final class ReviewInputs {

    private ReviewInputs() {
    }

    /** Validates shapes, token range and lenience; returns the vocabulary size. */
    static int validate(int[] drafted, float[][] reviewer, float[][] proposal, double lenience) {
        if (drafted == null || reviewer == null) {
            throw new IllegalArgumentException("drafted tokens and reviewer distributions are required");
        }
        int n = drafted.length;
        if (reviewer.length != n + 1) {
            throw new IllegalArgumentException("a review of " + n + " drafted tokens needs " + (n + 1)
                    + " reviewer distributions (the last one for the bonus), got " + reviewer.length);
        }
        if (proposal != null && proposal.length != n) {
            throw new IllegalArgumentException("a review of " + n + " drafted tokens needs " + n
                    + " proposal distributions, got " + proposal.length);
        }
        if (!(lenience >= 1) || Double.isInfinite(lenience)) {
            throw new IllegalArgumentException("lenience must be a finite number >= 1, got " + lenience);
        }
        if (reviewer[0] == null) {
            throw new IllegalArgumentException("reviewer distribution 0 is missing");
        }
        int vocab = reviewer[0].length;
        for (int j = 0; j <= n; j++) {
            if (reviewer[j] == null || reviewer[j].length != vocab) {
                throw new IllegalArgumentException("reviewer distribution " + j + " must have " + vocab + " entries");
            }
            if (j < n) {
                if (drafted[j] < 0 || drafted[j] >= vocab) {
                    throw new IllegalArgumentException("drafted token " + drafted[j] + " at position " + j
                            + " is outside the vocabulary of " + vocab);
                }
                float[] q = proposal(proposal, j);
                if (q != null && q.length != vocab) {
                    throw new IllegalArgumentException("proposal distribution " + j + " has " + q.length
                            + " entries, the reviewer's has " + vocab + ": drafter and reviewer must share one vocabulary");
                }
            }
        }
        return vocab;
    }

    /** q_j, or null for one-hot. */
    static float[] proposal(float[][] proposal, int j) {
        return proposal == null ? null : proposal[j];
    }

    /** q_j(x): 1 for a one-hot proposal. */
    static double proposalProbability(float[][] proposal, int j, int token) {
        float[] q = proposal(proposal, j);
        return q == null ? 1.0 : q[token];
    }
}
