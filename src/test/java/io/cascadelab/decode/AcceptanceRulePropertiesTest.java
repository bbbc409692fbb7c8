package io.cascadelab.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** Properties of the acceptance rules over random small-vocabulary distributions. */
class AcceptanceRulePropertiesTest {

    @Property(tries = 300, seed = "2312114620")
    void maxGramDraftsAreJudgedExactlyAsStrictGreedyForLenienceUpToTwo(
            @ForAll("reviews") Review review, @ForAll @DoubleRange(min = 1, max = 2) double lenience) {
        ReviewOutcome lenient = AcceptanceRule.lenientGreedy().review(review.drafted(), review.reviewer(), null,
                lenience, null);
        ReviewOutcome strict = AcceptanceRule.greedy().review(review.drafted(), review.reviewer(), null, 1, null);
        assertArrayEquals(strict.emittedTokens(), lenient.emittedTokens(),
                "with one-hot q, p(x) > 1/l >= 1/2 already makes x the argmax");
    }

    @Property(tries = 300, seed = "2312114620")
    void withLenienceOneTheEffectiveProposalIsTheReviewerDistribution(@ForAll("pairs") float[][] pq) {
        assertArrayEquals(pq[0], SamplingRule.effectiveProposal(pq[0], pq[1], 0, 1), 1e-5f);
        assertArrayEquals(pq[0], SamplingRule.effectiveProposal(pq[0], null, 0, 1), 1e-5f);
    }

    @Property(tries = 300, seed = "2312114620")
    void theEffectiveProposalIsADistribution(@ForAll("pairs") float[][] pq,
                                             @ForAll @DoubleRange(min = 1, max = 5) double lenience) {
        float[] withQ = SamplingRule.effectiveProposal(pq[0], pq[1], 0, lenience);
        float[] oneHot = SamplingRule.effectiveProposal(pq[0], null, 0, lenience);
        for (float[] qPrime : new float[][] {withQ, oneHot}) {
            assertEquals(1.0, Distribution.checkedSum(qPrime), 1e-5);
        }
    }

    @Property(tries = 300, seed = "2312114620")
    void aSamplingReviewReportsOneDistributionPerEmittedTokenAndLenienceOneGivesP(
            @ForAll("reviews") Review review, @ForAll long seed) {
        int n = review.drafted().length;
        float[][] proposal = new float[n][];
        for (int j = 0; j < n; j++) {
            proposal[j] = review.reviewer()[(j + 1) % (n + 1)]; // some other distribution
            proposal[j] = proposal[j][review.drafted()[j]] > 0 ? proposal[j] : null;
        }
        ReviewOutcome out = AcceptanceRule.sampling().review(review.drafted(), review.reviewer(), proposal, 1,
                new java.util.SplittableRandom(seed));
        assertEquals(out.emittedCount(), out.emittedDistributions().size());
        for (int j = 0; j < out.emittedCount(); j++) {
            assertArrayEquals(review.reviewer()[j], out.emittedDistributions().get(j), 1e-5f);
        }
    }

    /** A draft over a small vocabulary with random reviewer distributions. */
    record Review(int[] drafted, float[][] reviewer) {
    }

    @Provide
    Arbitrary<Review> reviews() {
        return Arbitraries.integers().between(2, 6).flatMap(vocab -> Arbitraries.integers().between(0, 5)
                .flatMap(n -> Combinators.combine(
                        Arbitraries.integers().between(0, vocab - 1).array(int[].class).ofSize(n),
                        distribution(vocab).array(float[][].class).ofSize(n + 1)).as(Review::new)));
    }

    @Provide
    Arbitrary<float[][]> pairs() {
        return Arbitraries.integers().between(1, 8)
                .flatMap(vocab -> distribution(vocab).array(float[][].class).ofSize(2));
    }

    /** Random distributions, often with zero entries (as after top-k / top-p). */
    static Arbitrary<float[]> distribution(int vocab) {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(0f)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.floats().between(0, 1)))
                .array(float[].class).ofSize(vocab)
                .filter(w -> Distribution.checkedSum(w) > 1e-3)
                .map(w -> {
                    double s = Distribution.checkedSum(w);
                    float[] out = new float[w.length];
                    for (int i = 0; i < w.length; i++) {
                        out[i] = (float) (w[i] / s);
                    }
                    return out;
                });
    }
}
