package io.cascadelab.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DistributionTest {

    private static final float EPS = 1e-6f;

    @Test
    void softmaxMatchesHandComputedValues() {
        float[] p = Distribution.softmax(new float[] {0f, (float) Math.log(3)}, 1.0);
        assertArrayEquals(new float[] {0.25f, 0.75f}, p, EPS);
    }

    @Test
    void temperatureDividesTheLogits() {
        // logits (0, 2 ln 3) at temperature 2 behave like (0, ln 3) at temperature 1.
        float[] p = Distribution.softmax(new float[] {0f, (float) (2 * Math.log(3))}, 2.0);
        assertArrayEquals(new float[] {0.25f, 0.75f}, p, EPS);
    }

    @Test
    void lowTemperatureSharpensWithoutOverflow() {
        float[] p = Distribution.softmax(new float[] {1000f, 999f, -5f}, 0.01);
        assertEquals(1f, p[0], EPS);
        assertEquals(0f, p[2], EPS);
    }

    @Test
    void maskedLogitsGetZeroProbability() {
        float[] p = Distribution.softmax(new float[] {Float.NEGATIVE_INFINITY, 0f, 0f}, 1.0);
        assertArrayEquals(new float[] {0f, 0.5f, 0.5f}, p, EPS);
    }

    @Test
    void softmaxRejectsBrokenInputs() {
        assertThrows(IllegalArgumentException.class, () -> Distribution.softmax(new float[] {Float.NaN}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Distribution.softmax(new float[] {Float.NEGATIVE_INFINITY}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Distribution.softmax(new float[] {1f}, 0));
        assertTrue(e.getMessage().contains("0.0"), e.getMessage());
    }

    @Test
    void topKKeepsTheKLargestAndRenormalises() {
        float[] p = Distribution.topK(new float[] {0.1f, 0.4f, 0.2f, 0.3f}, 2);
        assertArrayEquals(new float[] {0f, 4 / 7f, 0f, 3 / 7f}, p, EPS);
    }

    @Test
    void topKBreaksTiesTowardsTheLowestId() {
        float[] p = Distribution.topK(new float[] {0.2f, 0.4f, 0.2f, 0.2f}, 2);
        assertArrayEquals(new float[] {1 / 3f, 2 / 3f, 0f, 0f}, p, EPS);
    }

    @Test
    void topKZeroOrLargerThanVocabularyIsOff() {
        float[] probs = {0.1f, 0.9f};
        assertArrayEquals(probs, Distribution.topK(probs, 0));
        assertArrayEquals(probs, Distribution.topK(probs, 5));
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        float[] probs = {0.2f, 0.5f, 0.3f};
        // 0.5 alone is short of 0.6; 0.5 + 0.3 reaches it.
        assertArrayEquals(new float[] {0f, 0.625f, 0.375f}, Distribution.topP(probs, 0.6), EPS);
        // exactly reaching p counts: 0.5 + 0.3 = 0.8
        assertArrayEquals(new float[] {0f, 0.625f, 0.375f}, Distribution.topP(probs, 0.8), EPS);
        assertArrayEquals(new float[] {0f, 1f, 0f}, Distribution.topP(probs, 0.5), EPS);
        assertArrayEquals(new float[] {0f, 1f, 0f}, Distribution.topP(probs, 0.01), EPS);
        assertArrayEquals(probs, Distribution.topP(probs, 1.0));
    }

    @Test
    void topPBreaksTiesTowardsTheLowestId() {
        assertArrayEquals(new float[] {0f, 0.5f, 0f, 0.5f, 0f},
                Distribution.topP(new float[] {0.1f, 0.3f, 0.1f, 0.3f, 0.2f}, 0.55), EPS);
        assertArrayEquals(new float[] {1f, 0f, 0f, 0f},
                Distribution.topP(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, 0.2), EPS);
    }

    @Test
    void topPIsRelativeToTheTotalOfAnUnnormalisedInput() {
        assertArrayEquals(new float[] {0f, 1f}, Distribution.topP(new float[] {0.1f, 0.7f}, 0.8), EPS);
    }

    @Test
    void filtersDoNotModifyTheirInput() {
        float[] probs = {0.1f, 0.4f, 0.2f, 0.3f};
        float[] before = probs.clone();
        Distribution.topK(probs, 2);
        Distribution.topP(probs, 0.5);
        assertArrayEquals(before, probs);
    }

    @Test
    void argmaxPrefersTheLowestIndexOnTies() {
        assertEquals(1, Distribution.argmax(new float[] {0.1f, 0.45f, 0.45f}));
        assertEquals(1, Distribution.argmax(new float[] {Float.NaN, -3f, -3f}));
    }

    @Test
    void sampleFollowsTheInverseCdf() {
        float[] probs = {0.25f, 0f, 0.5f, 0.25f};
        assertEquals(0, Distribution.sample(probs, 0.0));
        assertEquals(0, Distribution.sample(probs, 0.2499));
        assertEquals(2, Distribution.sample(probs, 0.25));
        assertEquals(2, Distribution.sample(probs, 0.7499));
        assertEquals(3, Distribution.sample(probs, 0.75));
        assertEquals(3, Distribution.sample(probs, Math.nextDown(1.0)));
    }

    @Test
    void sampleNeverReturnsAZeroProbabilityToken() {
        float[] probs = {0.5f, 0.5f, 0f};
        assertEquals(1, Distribution.sample(probs, Math.nextDown(1.0)));
    }

    @Test
    void sampleRejectsAnEmptyDistribution() {
        assertThrows(IllegalArgumentException.class, () -> Distribution.sample(new float[] {0f, 0f}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Distribution.sample(new float[] {-0.1f, 1.1f}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Distribution.sample(new float[] {1f}, 1.0));
    }

    @Test
    void sampleFrequenciesMatchTheDistributionAtAFixedSeed() {
        float[] probs = {0.1f, 0.2f, 0.3f, 0.4f};
        SplittableRandom random = new SplittableRandom(42);
        int n = 100_000;
        long[] counts = new long[probs.length];
        for (int i = 0; i < n; i++) {
            counts[Distribution.sample(probs, random)]++;
        }
        double[] expected = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            expected[i] = probs[i];
        }
        assertTrue(ChiSquare.pValue(counts, expected) > ChiSquare.ALPHA,
                () -> "counts " + java.util.Arrays.toString(counts));
    }

    @Property(tries = 200, seed = "2312114620")
    void softmaxIsADistributionPreservingOrder(@ForAll @Size(min = 1, max = 40) float[] logits,
                                               @ForAll @DoubleRange(min = 0.05, max = 5) double temperature) {
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.max(-1e4f, Math.min(1e4f, Float.isNaN(logits[i]) ? 0f : logits[i]));
        }
        float[] p = Distribution.softmax(logits, temperature);
        assertEquals(1.0, Distribution.checkedSum(p), 1e-5);
        // Near-equal logits may round to equal probabilities, so compare values, not indices.
        assertEquals(p[Distribution.argmax(p)], p[Distribution.argmax(logits)], "softmax keeps the most likely token");
    }

    @Property(tries = 200, seed = "2312114620")
    void filteredDistributionsSumToOneAndKeepTheArgmax(
            @ForAll @Size(min = 1, max = 40) List<@FloatRange(min = 0, max = 10) Float> weightList,
            @ForAll @IntRange(min = 0, max = 45) int k,
            @ForAll @DoubleRange(min = 0.01, max = 1) double topP) {
        float[] weights = new float[weightList.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = weightList.get(i);
        }
        weights[0] += 0.5f; // at least some mass
        double total = Distribution.checkedSum(weights);
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= (float) total; // filters take a distribution; switched off they return it unchanged
        }
        float[] p = Distribution.topP(Distribution.topK(weights, k), topP);
        assertEquals(1.0, Distribution.checkedSum(p), 1e-5);
        assertTrue(p[Distribution.argmax(weights)] > 0, "the most probable token always survives");
        int kept = 0;
        for (float v : p) {
            kept += v > 0 ? 1 : 0;
        }
        assertTrue(k == 0 || kept <= k, "top-k keeps at most k tokens");
    }
}
