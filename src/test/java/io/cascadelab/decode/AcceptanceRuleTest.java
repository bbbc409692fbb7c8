package io.cascadelab.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AcceptanceRuleTest {

    private static final float EPS = 1e-6f;

    // argmax per position: 1, 2, 0, then bonus argmax 3
    private static final float[][] P = {
        {0.1f, 0.6f, 0.2f, 0.1f},
        {0.1f, 0.2f, 0.6f, 0.1f},
        {0.5f, 0.1f, 0.3f, 0.1f},
        {0.1f, 0.1f, 0.2f, 0.6f},
    };

    @Nested
    class Greedy {

        private final AcceptanceRule rule = AcceptanceRule.greedy();

        @Test
        void keepsTheMatchingPrefixAndCorrectsTheFirstMismatch() {
            ReviewOutcome out = rule.review(new int[] {1, 2, 2}, P, null, 1, null);
            assertEquals(2, out.acceptedCount());
            assertArrayEquals(new int[] {1, 2, 0}, out.emittedTokens());
            assertEquals(ReviewOutcome.Extra.CORRECTION, out.extraKind());
            assertEquals(3, out.decisions().size(), "the rejected position is recorded, none after it");
            assertFalse(out.decisions().get(2).accepted());
        }

        @Test
        void allAcceptedGivesTheBonusFromTheLastDistribution() {
            ReviewOutcome out = rule.review(new int[] {1, 2, 0}, P, null, 1, null);
            assertEquals(3, out.acceptedCount());
            assertEquals(3, out.extraToken());
            assertTrue(out.isBonus());
            assertEquals(4, out.emittedCount());
        }

        @Test
        void stopsAtTheFirstMismatchEvenIfLaterTokensWouldMatch() {
            ReviewOutcome out = rule.review(new int[] {0, 2, 0}, P, null, 1, null);
            assertEquals(0, out.acceptedCount());
            assertArrayEquals(new int[] {1}, out.emittedTokens());
            assertEquals(1, out.decisions().size());
        }

        @Test
        void anEmptyDraftEmitsOnlyTheBonus() {
            ReviewOutcome out = rule.review(new int[0], new float[][] {P[3]}, null, 1, null);
            assertArrayEquals(new int[] {3}, out.emittedTokens());
            assertTrue(out.isBonus());
            assertTrue(out.decisions().isEmpty());
        }

        @Test
        void ignoresLenienceAndProposalProbabilities() {
            float[][] q = {{0.1f, 0.1f, 0.1f, 0.7f}};
            // p(3) = 0.1 > q(3)/l = 0.07 would pass the lenient rule, but not the target's.
            ReviewOutcome out = rule.review(new int[] {3}, new float[][] {P[0], P[3]}, q, 10, null);
            assertEquals(0, out.acceptedCount());
        }

        @Test
        void recordsProbabilitiesAndNoRandomness() {
            float[][] q = {{0.1f, 0.7f, 0.1f, 0.1f}, null};
            ReviewOutcome out = rule.review(new int[] {1, 2}, new float[][] {P[0], P[1], P[3]}, q, 1, null);
            PositionDecision d0 = out.decisions().get(0);
            assertEquals(new PositionDecision(0, 1, 0.6f, 0.7f, 1, Double.NaN, true), d0);
            assertEquals(1.0, out.decisions().get(1).proposalProbability(), "null proposal = one-hot");
        }

        @Test
        void passesTheReviewerDistributionsUpAsInThePapersCode() {
            ReviewOutcome out = rule.review(new int[] {1, 2, 2}, P, null, 1, null);
            assertEquals(List.of(P[0], P[1], P[2]), out.emittedDistributions());
        }
    }

    @Nested
    class LenientGreedy {

        private final AcceptanceRule rule = AcceptanceRule.lenientGreedy();
        private final float[] p = {0.5f, 0.3f, 0.2f};
        private final float[] bonus = {0f, 0f, 1f};

        @Test
        void acceptsANonArgmaxTokenWhenPExceedsQOverL() {
            float[][] q = {{0.2f, 0.5f, 0.3f}};
            ReviewOutcome out = rule.review(new int[] {1}, new float[][] {p, bonus}, q, 2, null);
            assertEquals(1, out.acceptedCount(), "0.3 > 0.5 / 2");
            assertEquals(2, out.extraToken());
        }

        @Test
        void rejectsWhenPIsAtMostQOverL() {
            float[][] q = {{0.2f, 0.6f, 0.2f}};
            ReviewOutcome out = rule.review(new int[] {1}, new float[][] {p, bonus}, q, 2, null);
            assertEquals(0, out.acceptedCount(), "0.3 is not > 0.6 / 2");
            assertEquals(0, out.extraToken(), "the correction is argmax p");
        }

        @Test
        void oneHotProposalsAreAcceptedWhenPExceedsOneOverL() {
            float[] p3 = {0.4f, 0.35f, 0.25f};
            assertEquals(1, rule.review(new int[] {1}, new float[][] {p3, bonus}, null, 3, null).acceptedCount(),
                    "0.35 > 1/3");
            assertEquals(0, rule.review(new int[] {1}, new float[][] {p3, bonus}, null, 2.5, null).acceptedCount(),
                    "0.35 < 1/2.5");
        }

        @Test
        void lenienceOneIsStrictGreedyAsInThePapersCode() {
            float[][] q = {{0.5f, 0.1f, 0.4f}};
            ReviewOutcome out = rule.review(new int[] {1}, new float[][] {p, bonus}, q, 1, null);
            assertEquals(0, out.acceptedCount(), "p(x) = 0.3 > q(x) = 0.1 does not count at l = 1");
        }
    }

    @Nested
    class Sampling {

        private final AcceptanceRule rule = AcceptanceRule.sampling();
        private final float[] p = {0.2f, 0.5f, 0.3f};
        private final float[] q = {0.6f, 0.2f, 0.2f};
        private final float[] bonus = {0f, 0f, 1f};

        @Test
        void acceptsWithProbabilityPOverQAndRecordsTheDraw() {
            ReviewOutcome out = rule.review(new int[] {0}, new float[][] {p, bonus}, new float[][] {q}, 1,
                    uniforms(0.3, 0.5));
            PositionDecision d = out.decisions().get(0);
            assertEquals(1 / 3.0, d.acceptanceProbability(), 1e-6);
            assertEquals(0.3, d.uniform());
            assertTrue(d.accepted());
            assertEquals(ReviewOutcome.Extra.BONUS, out.extraKind());
        }

        @Test
        void onRejectionDrawsFromThePositivePartOfPMinusQ() {
            // residual = norm(max(0, p - q)) = (0, 0.75, 0.25): a draw of 0.8 lands on token 2
            ReviewOutcome out = rule.review(new int[] {0}, new float[][] {p, bonus}, new float[][] {q}, 1,
                    uniforms(0.5, 0.8));
            assertFalse(out.decisions().get(0).accepted());
            assertArrayEquals(new int[] {2}, out.emittedTokens());
            assertEquals(ReviewOutcome.Extra.CORRECTION, out.extraKind());
        }

        @Test
        void lenienceMultipliesTheAcceptanceRatio() {
            ReviewOutcome out = rule.review(new int[] {0}, new float[][] {p, bonus}, new float[][] {q}, 2,
                    uniforms(0.5, 0.1));
            assertEquals(2 / 3.0, out.decisions().get(0).acceptanceProbability(), 1e-6);
            assertTrue(out.decisions().get(0).accepted());
        }

        @Test
        void aOneHotDraftIsAcceptedWithProbabilityPAndItsResidualIsPWithoutIt() {
            float[] p2 = {0.5f, 0.3f, 0.2f};
            ReviewOutcome out = rule.review(new int[] {0}, new float[][] {p2, bonus}, null, 1, uniforms(0.9, 0.5));
            assertEquals(0.5, out.decisions().get(0).acceptanceProbability(), 1e-6);
            // residual (0, 0.6, 0.4): 0.5 falls on token 1
            assertArrayEquals(new int[] {1}, out.emittedTokens());
        }

        @Test
        void theBonusIsDrawnFromTheLastReviewerDistribution() {
            float[] last = {0.25f, 0.25f, 0.5f};
            ReviewOutcome out = rule.review(new int[] {1}, new float[][] {p, last}, new float[][] {p}, 1,
                    uniforms(0.99, 0.3));
            assertArrayEquals(new int[] {1, 1}, out.emittedTokens());
            assertSame(last, out.emittedDistributions().get(1), "a bonus position is emitted from p");
        }

        @Test
        void theEffectiveProposalMatchesTheHandComputedMixture() {
            // a = min(q, 2p) = (0.4, 0.2, 0.2), β = 0.8, r = norm(max(0, p - a)) = (0, 0.75, 0.25)
            float[] qPrime = SamplingRule.effectiveProposal(p, q, 0, 2);
            assertArrayEquals(new float[] {0.4f, 0.35f, 0.25f}, qPrime, EPS);
        }

        @Test
        void theEffectiveProposalOfAOneHotDraftKeepsMinOneLpOnTheToken() {
            float[] p2 = {0.5f, 0.3f, 0.2f};
            // a(0) = min(1, 1.5 * 0.5) = 0.75; the remaining 0.25 goes to (0, 0.6, 0.4)
            assertArrayEquals(new float[] {0.75f, 0.15f, 0.1f}, SamplingRule.effectiveProposal(p2, null, 0, 1.5), EPS);
        }

        @Test
        void everyEmittedPositionCarriesItsEffectiveProposal() {
            ReviewOutcome out = rule.review(new int[] {0, 0}, new float[][] {p, p, bonus},
                    new float[][] {q, q}, 2, uniforms(0.1, 0.99, 0.0));
            assertEquals(1, out.acceptedCount());
            assertArrayEquals(new float[] {0.4f, 0.35f, 0.25f}, out.emittedDistributions().get(0), EPS);
            assertArrayEquals(new float[] {0.4f, 0.35f, 0.25f}, out.emittedDistributions().get(1), EPS,
                    "the correction's position is emitted from the same mixture");
        }

        @Test
        void rejectionIsImpossibleWhenTheResidualHasNoMass() {
            // p <= q everywhere (a float wobble above 1 in q): p - a has no mass, so x must be kept.
            float[] pp = {0.5f, 0.5f};
            float[] qq = {0.50000006f, 0.50000006f};
            ReviewOutcome out = rule.review(new int[] {0}, new float[][] {pp, pp}, new float[][] {qq}, 1,
                    uniforms(Math.nextDown(1.0), 0.2));
            assertEquals(1.0, out.decisions().get(0).acceptanceProbability());
            assertEquals(1, out.acceptedCount());
            assertEquals(1.0, Distribution.checkedSum(out.emittedDistributions().get(0)), 1e-6);
        }

        @Test
        void aCertainReviewerAlwaysKeepsTheOneHotDraft() {
            float[] certain = {0f, 1f, 0f};
            ReviewOutcome out = rule.review(new int[] {1}, new float[][] {certain, bonus}, null, 1,
                    uniforms(Math.nextDown(1.0), 0.0));
            assertEquals(1, out.acceptedCount());
            assertArrayEquals(certain, out.emittedDistributions().get(0));
        }

        @Test
        void aTokenOutsideItsProposalIsKeptIfTheReviewerAllowsIt() {
            float[] q0 = {0f, 0.5f, 0.5f};
            ReviewOutcome out = rule.review(new int[] {0}, new float[][] {p, bonus}, new float[][] {q0}, 1,
                    uniforms(0.99, 0.0));
            assertEquals(1.0, out.decisions().get(0).acceptanceProbability());
        }
    }

    @Nested
    class Validation {

        @Test
        void needsOneMoreReviewerDistributionThanDraftedTokens() {
            assertMessage("needs 3 reviewer distributions",
                    () -> AcceptanceRule.greedy().review(new int[] {1, 2}, new float[][] {P[0], P[1]}, null, 1, null));
        }

        @Test
        void rejectsTokensOutsideTheVocabulary() {
            assertMessage("drafted token 9 at position 0",
                    () -> AcceptanceRule.greedy().review(new int[] {9}, new float[][] {P[0], P[1]}, null, 1, null));
        }

        @Test
        void rejectsLenienceBelowOne() {
            assertMessage("0.5", () -> AcceptanceRule.sampling().review(new int[0], new float[][] {P[0]}, null, 0.5,
                    RandomGenerator.getDefault()));
        }

        @Test
        void rejectsAProposalOverAnotherVocabulary() {
            assertMessage("share one vocabulary", () -> AcceptanceRule.sampling().review(new int[] {0},
                    new float[][] {P[0], P[1]}, new float[][] {{1f}}, 1, RandomGenerator.getDefault()));
        }

        @Test
        void samplingNeedsARandomSource() {
            assertMessage("random", () -> AcceptanceRule.sampling().review(new int[0], new float[][] {P[0]}, null, 1, null));
        }

        @Test
        void forReviewPicksTheRuleByModeAndLevel() {
            assertSame(AcceptanceRule.greedy(), AcceptanceRule.forReview(SamplingSettings.GREEDY, true));
            assertSame(AcceptanceRule.lenientGreedy(), AcceptanceRule.forReview(SamplingSettings.GREEDY, false));
            SamplingSettings sampling = SamplingSettings.sampling(0.8, 0, 1, 1);
            assertSame(AcceptanceRule.sampling(), AcceptanceRule.forReview(sampling, true));
            assertSame(AcceptanceRule.sampling(), AcceptanceRule.forReview(sampling, false));
            assertEquals("greedy-lenient", AcceptanceRule.lenientGreedy().name());
        }

        private void assertMessage(String fragment, Runnable action) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
        }
    }

    /** A random source that replays the given uniforms. */
    static RandomGenerator uniforms(double... values) {
        Deque<Double> queue = new ArrayDeque<>();
        for (double v : values) {
            queue.add(v);
        }
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is scripted");
            }

            @Override
            public double nextDouble() {
                return queue.remove();
            }
        };
    }
}
