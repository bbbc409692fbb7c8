package io.cascadelab.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistical proof that sampling through lenient reviews is exact: the empirical distribution of
 * emitted tokens is compared with q' (one review) or with the target's p (a cascade) by a
 * chi-square test at significance 1e-4. Seeds are fixed, so the outcome is deterministic; the
 * biased-rule tests show that the same test does reject a wrong rule.
 */
class SamplingExactnessTest {

    private static final int VOCAB = 6;
    private static final int DRAWS = 200_000;
    private static final AcceptanceRule RULE = AcceptanceRule.sampling();

    static Stream<Arguments> distributionsAndLenience() {
        List<Arguments> cases = new ArrayList<>();
        for (long caseSeed = 1; caseSeed <= 4; caseSeed++) {
            for (double lenience : new double[] {1, 2, 3}) {
                cases.add(Arguments.of(caseSeed, lenience));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "case {0}, l = {1}")
    @MethodSource("distributionsAndLenience")
    void aDraftedTokenIsEmittedFromTheEffectiveProposal(long caseSeed, double lenience) {
        SplittableRandom setup = new SplittableRandom(caseSeed);
        boolean sparse = caseSeed % 2 == 0; // zeros as left by top-k / top-p
        float[] p = randomDistribution(setup, sparse);
        float[] q = randomDistribution(setup, sparse);
        SplittableRandom random = new SplittableRandom(1000 + caseSeed);
        long[] counts = new long[VOCAB];
        for (int i = 0; i < DRAWS; i++) {
            int x = Distribution.sample(q, random);
            counts[firstEmitted(RULE.review(new int[] {x}, new float[][] {p, p}, new float[][] {q}, lenience, random))]++;
        }
        double[] expected = effectiveProposal(p, q, lenience);
        assertFits(counts, expected, "q' for l = " + lenience);
        if (lenience == 1) {
            assertFits(counts, toDouble(p), "p (exact speculative sampling)");
        }
    }

    @ParameterizedTest(name = "l = {0}")
    @ValueSource(doubles = {1, 2, 3})
    void aMaxGramTokenIsEmittedFromTheEffectiveProposal(double lenience) {
        float[] p = {0.3f, 0.05f, 0.25f, 0.1f, 0.2f, 0.1f};
        int x = 2; // the deterministic draft
        SplittableRandom random = new SplittableRandom(7);
        long[] counts = new long[VOCAB];
        for (int i = 0; i < DRAWS; i++) {
            counts[firstEmitted(RULE.review(new int[] {x}, new float[][] {p, p}, null, lenience, random))]++;
        }
        assertFits(counts, effectiveProposal(p, oneHot(x), lenience), "q' of a one-hot draft, l = " + lenience);
    }

    @ParameterizedTest(name = "case {0}")
    @ValueSource(longs = {11, 12, 13})
    void aLenientMiddleLevelFollowedByTheTargetEmitsFromTheTarget(long caseSeed) {
        SplittableRandom setup = new SplittableRandom(caseSeed);
        float[] q = randomDistribution(setup, false);
        float[] middle = randomDistribution(setup, caseSeed == 12);
        float[] target = randomDistribution(setup, caseSeed == 13);
        SplittableRandom random = new SplittableRandom(2000 + caseSeed);
        long[] counts = new long[VOCAB];
        for (int i = 0; i < DRAWS; i++) {
            counts[twoLevels(q, middle, target, random, true)]++;
        }
        assertFits(counts, toDouble(target), "the target's p after a lenient (l = 2) middle review");
    }

    @Test
    void aMaxGramDraftThroughALenientMiddleLevelEmitsFromTheTarget() {
        float[] middle = {0.4f, 0.1f, 0.1f, 0.2f, 0.1f, 0.1f};
        float[] target = {0.1f, 0.3f, 0.05f, 0.25f, 0.2f, 0.1f};
        SplittableRandom random = new SplittableRandom(31);
        long[] counts = new long[VOCAB];
        for (int i = 0; i < DRAWS; i++) {
            ReviewOutcome mid = RULE.review(new int[] {0}, new float[][] {middle, middle}, null, 3, random);
            ReviewOutcome top = RULE.review(new int[] {mid.emittedTokens()[0]}, new float[][] {target, target},
                    new float[][] {mid.emittedDistributions().get(0)}, 1, random);
            counts[firstEmitted(top)]++;
        }
        assertFits(counts, toDouble(target), "the target's p after a lenient (l = 3) review of Max-Gram");
    }

    @ParameterizedTest(name = "bottom drafter one-hot: {0}")
    @ValueSource(booleans = {false, true})
    void aTwoLevelCascadeOverSeveralPositionsEmitsTheTargetsJointDistribution(boolean oneHotBottom) {
        MiniCascade cascade = new MiniCascade(new SplittableRandom(41), oneHotBottom);
        SplittableRandom random = new SplittableRandom(42);
        long[] counts = new long[VOCAB * VOCAB];
        for (int i = 0; i < DRAWS; i++) {
            int[] first = cascade.generateTwo(random);
            counts[first[0] * VOCAB + first[1]]++;
        }
        double[] joint = new double[VOCAB * VOCAB];
        for (int a = 0; a < VOCAB; a++) {
            for (int b = 0; b < VOCAB; b++) {
                joint[a * VOCAB + b] = (double) cascade.target[0][a] * cascade.target[1][b];
            }
        }
        assertFits(counts, joint, "the target's joint distribution of the first two tokens");
    }

    @Test
    void theTestRejectsAResidualOfPInsteadOfPMinusQ() {
        float[] p = {0.05f, 0.1f, 0.15f, 0.2f, 0.2f, 0.3f};
        float[] q = {0.3f, 0.2f, 0.2f, 0.15f, 0.1f, 0.05f};
        SplittableRandom random = new SplittableRandom(51);
        long[] counts = new long[VOCAB];
        for (int i = 0; i < DRAWS; i++) {
            int x = Distribution.sample(q, random);
            // The classic bug: correct acceptance, but the correction drawn from p itself.
            boolean accept = random.nextDouble() < Math.min(1, p[x] / q[x]);
            counts[accept ? x : Distribution.sample(p, random)]++;
        }
        assertRejects(counts, toDouble(p));
    }

    @Test
    void theTestRejectsACascadeThatPassesTheDraftersQInsteadOfQPrime() {
        SplittableRandom setup = new SplittableRandom(61);
        float[] q = randomDistribution(setup, false);
        float[] middle = randomDistribution(setup, false);
        float[] target = randomDistribution(setup, false);
        SplittableRandom random = new SplittableRandom(62);
        long[] counts = new long[VOCAB];
        for (int i = 0; i < DRAWS; i++) {
            counts[twoLevels(q, middle, target, random, false)]++;
        }
        assertRejects(counts, toDouble(target));
    }

    /** x ~ q, reviewed by the middle level at l = 2, then by the target at l = 1; the first emitted token. */
    private static int twoLevels(float[] q, float[] middle, float[] target, RandomGenerator random,
                                 boolean passEffectiveProposal) {
        int x = Distribution.sample(q, random);
        ReviewOutcome mid = RULE.review(new int[] {x}, new float[][] {middle, middle}, new float[][] {q}, 2, random);
        float[] proposal = passEffectiveProposal ? mid.emittedDistributions().get(0) : q;
        ReviewOutcome top = RULE.review(new int[] {mid.emittedTokens()[0]}, new float[][] {target, target},
                new float[][] {proposal}, 1, random);
        return firstEmitted(top);
    }

    /**
     * A vertical + horizontal cascade in miniature: a bottom drafter (sampled or one-hot) drafts 2
     * tokens per middle review; the middle level (l = 2) reviews until its draft holds at least 2
     * tokens (overshooting is allowed); the target (l = 1) reviews that draft with the q' of every
     * token. Distributions depend on the position only, so the target's output is exactly
     * target[0] ⊗ target[1] ⊗ …
     */
    private static final class MiniCascade {

        private static final int POSITIONS = 10;
        final float[][] target = new float[POSITIONS][];
        final float[][] middle = new float[POSITIONS][];
        final float[][] bottom = new float[POSITIONS][];
        private final boolean oneHotBottom;

        MiniCascade(SplittableRandom setup, boolean oneHotBottom) {
            this.oneHotBottom = oneHotBottom;
            for (int pos = 0; pos < POSITIONS; pos++) {
                target[pos] = randomDistribution(setup, pos % 2 == 1);
                middle[pos] = randomDistribution(setup, false);
                bottom[pos] = oneHotBottom ? oneHot(setup.nextInt(VOCAB)) : randomDistribution(setup, true);
            }
        }

        int[] generateTwo(RandomGenerator random) {
            List<Integer> sequence = new ArrayList<>();
            while (sequence.size() < 2) {
                int start = sequence.size();
                List<Integer> draft = new ArrayList<>();
                List<float[]> draftFrom = new ArrayList<>();
                while (draft.size() < 2) {
                    int pos = start + draft.size();
                    int[] xs = {Distribution.sample(bottom[pos], random), Distribution.sample(bottom[pos + 1], random)};
                    float[][] proposal = oneHotBottom ? null : new float[][] {bottom[pos], bottom[pos + 1]};
                    ReviewOutcome out = RULE.review(xs, Arrays.copyOfRange(middle, pos, pos + 3), proposal, 2, random);
                    for (int t : out.emittedTokens()) {
                        draft.add(t);
                    }
                    draftFrom.addAll(out.emittedDistributions());
                }
                int[] drafted = draft.stream().mapToInt(Integer::intValue).toArray();
                ReviewOutcome out = RULE.review(drafted, Arrays.copyOfRange(target, start, start + drafted.length + 1),
                        draftFrom.toArray(new float[0][]), 1, random);
                for (int t : out.emittedTokens()) {
                    sequence.add(t);
                }
            }
            return new int[] {sequence.get(0), sequence.get(1)};
        }
    }

    /** q'(y) = a(y) + (1 − β)·r(y), written out independently of the production code. */
    private static double[] effectiveProposal(float[] p, float[] q, double lenience) {
        double[] a = new double[p.length];
        double beta = 0;
        double residualMass = 0;
        for (int y = 0; y < p.length; y++) {
            a[y] = Math.min(q[y], lenience * p[y]);
            beta += a[y];
            residualMass += Math.max(0, p[y] - a[y]);
        }
        double[] out = new double[p.length];
        for (int y = 0; y < p.length; y++) {
            double r = residualMass > 0 ? Math.max(0, p[y] - a[y]) / residualMass : 0;
            out[y] = a[y] + (1 - beta) * r;
        }
        return out;
    }

    private static float[] randomDistribution(SplittableRandom random, boolean sparse) {
        float[] w = new float[VOCAB];
        double sum = 0;
        for (int i = 0; i < VOCAB; i++) {
            w[i] = sparse && random.nextInt(3) == 0 ? 0f : (float) (0.05 + random.nextDouble());
            sum += w[i];
        }
        if (sum == 0) {
            w[0] = 1f;
            sum = 1;
        }
        for (int i = 0; i < VOCAB; i++) {
            w[i] = (float) (w[i] / sum);
        }
        return w;
    }

    private static float[] oneHot(int token) {
        float[] q = new float[VOCAB];
        q[token] = 1f;
        return q;
    }

    private static int firstEmitted(ReviewOutcome out) {
        return out.emittedTokens()[0];
    }

    private static double[] toDouble(float[] p) {
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = p[i];
        }
        return d;
    }

    private static void assertFits(long[] counts, double[] expected, String what) {
        double pValue = ChiSquare.pValue(counts, expected);
        assertTrue(pValue > ChiSquare.ALPHA, () -> "emitted tokens do not follow " + what + ": chi-square p = "
                + pValue + ", counts " + Arrays.toString(counts) + ", expected " + Arrays.toString(expected));
    }

    private static void assertRejects(long[] counts, double[] expected) {
        double stat = ChiSquare.statistic(counts, expected);
        double critical = ChiSquare.critical(ChiSquare.degreesOfFreedom(expected));
        assertTrue(stat > critical, () -> "a biased rule went undetected: chi-square " + stat + " <= critical "
                + critical + ", counts " + Arrays.toString(counts));
    }
}
