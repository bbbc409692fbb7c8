package io.cascadelab.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Speculative sampling with lenience (see {@link AcceptanceRule#sampling()}), reporting for every
 * emitted position the distribution q' it was really emitted from, so that the level above can
 * review it exactly.
 */
final class SamplingRule implements AcceptanceRule {

    static final SamplingRule INSTANCE = new SamplingRule();

    private SamplingRule() {
    }

    @Override
    public ReviewOutcome review(int[] drafted, float[][] reviewer, float[][] proposal, double lenience,
                                RandomGenerator random) {
        ReviewInputs.validate(drafted, reviewer, proposal, lenience);
        if (random == null) {
            throw new IllegalArgumentException("a sampling review needs a random source");
        }
        int n = drafted.length;
        List<PositionDecision> decisions = new ArrayList<>(n);
        List<float[]> emittedFrom = new ArrayList<>(n + 1);
        int[] emitted = new int[n + 1];
        for (int j = 0; j < n; j++) {
            float[] p = reviewer[j];
            float[] q = ReviewInputs.proposal(proposal, j);
            int x = drafted[j];
            Split split = Split.of(p, q, x, lenience);
            double px = p[x];
            double qx = q == null ? 1.0 : q[x];
            double acceptance = split.acceptanceProbability(px, qx, lenience);
            double u = random.nextDouble();
            boolean accepted = u < acceptance;
            decisions.add(new PositionDecision(j, x, px, qx, acceptance, u, accepted));
            emittedFrom.add(split.effective(q, x));
            if (!accepted) {
                System.arraycopy(drafted, 0, emitted, 0, j);
                emitted[j] = Distribution.sample(split.residual, random.nextDouble());
                return new ReviewOutcome(n, j, Arrays.copyOf(emitted, j + 1),
                        ReviewOutcome.Extra.CORRECTION, decisions, emittedFrom);
            }
        }
        System.arraycopy(drafted, 0, emitted, 0, n);
        emitted[n] = Distribution.sample(reviewer[n], random);
        emittedFrom.add(reviewer[n]); // a bonus token is drawn from p itself
        return new ReviewOutcome(n, n, emitted, ReviewOutcome.Extra.BONUS, decisions, emittedFrom);
    }

    @Override
    public String name() {
        return "sampling";
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * The effective proposal q' of one drafted position: {@code a(y) + (1 − β)·r(y)} with
     * a = min(q, l·p), β = Σa, r = norm(max(0, p − a)). With l = 1 this is p.
     *
     * @param q the proposal, null for one-hot on {@code token}
     */
    static float[] effectiveProposal(float[] p, float[] q, int token, double lenience) {
        return Split.of(p, q, token, lenience).effective(q, token);
    }

    /**
     * One position's accepted mass a (β = Σa) and rejection residual r (normalised; null when
     * p − a has no mass, i.e. β = 1 and rejection cannot happen).
     */
    private record Split(double[] accepted, double beta, double[] residual) {

        static Split of(float[] p, float[] q, int token, double lenience) {
            int vocab = p.length;
            double[] a = new double[vocab];
            double beta = 0;
            if (q == null) {
                // One-hot q on the token: a = min(1, l·p(x)) at x, 0 elsewhere.
                a[token] = Math.min(1.0, lenience * p[token]);
                beta = a[token];
            } else {
                for (int y = 0; y < vocab; y++) {
                    a[y] = Math.min(q[y], lenience * p[y]);
                    beta += a[y];
                }
            }
            double[] r = new double[vocab];
            double mass = 0;
            for (int y = 0; y < vocab; y++) {
                r[y] = Math.max(0.0, p[y] - a[y]);
                mass += r[y];
            }
            if (!(mass > 0)) {
                return new Split(a, beta, null);
            }
            for (int y = 0; y < vocab; y++) {
                r[y] /= mass;
            }
            return new Split(a, beta, r);
        }

        boolean rejectionImpossible() {
            return residual == null;
        }

        /** min(1, l·p(x)/q(x)); a token of zero proposal probability is kept iff p(x) > 0 (the limit q→0). */
        double acceptanceProbability(double px, double qx, double lenience) {
            if (rejectionImpossible()) {
                return 1.0;
            }
            if (!(qx > 0)) {
                return px > 0 ? 1.0 : 0.0;
            }
            return Math.min(1.0, lenience * px / qx);
        }

        /** q' as floats, renormalised so rounding cannot leave it summing to 0.9999. */
        float[] effective(float[] q, int token) {
            int vocab = accepted.length;
            float[] out = new float[vocab];
            if (rejectionImpossible()) {
                // Every drafted token is kept, so the position is emitted from q itself.
                if (q == null) {
                    out[token] = 1f;
                    return out;
                }
                System.arraycopy(q, 0, out, 0, vocab);
                return normalise(out, Distribution.checkedSum(out));
            }
            double rejected = Math.max(0.0, 1.0 - beta);
            double[] mixed = new double[vocab];
            double sum = 0;
            for (int y = 0; y < vocab; y++) {
                mixed[y] = accepted[y] + rejected * residual[y];
                sum += mixed[y];
            }
            for (int y = 0; y < vocab; y++) {
                out[y] = (float) (mixed[y] / sum);
            }
            return out;
        }

        private static float[] normalise(float[] values, double sum) {
            for (int y = 0; y < values.length; y++) {
                values[y] = (float) (values[y] / sum);
            }
            return values;
        }
    }
}
