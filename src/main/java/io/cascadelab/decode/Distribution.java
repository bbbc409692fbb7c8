package io.cascadelab.decode;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Static helpers over next-token distributions: softmax, top-k / top-p filtering, argmax and
 * inverse-CDF sampling.
 *
 * <p>Distributions are {@code float[]} indexed by token id (what a model returns); sums and
 * cumulative sums are taken in {@code double} so that a 32k vocabulary does not lose mass to
 * rounding. Filtering functions never modify their input.
 */
public final class Distribution {

    /** Relative slack when deciding whether the nucleus has reached {@code topP}: float sums wobble. */
    private static final double TOP_P_SLACK = 1e-6;

    private Distribution() {
    }

    /**
     * Softmax of {@code logits / temperature}. {@code -Infinity} logits (masked tokens) get
     * probability 0; NaN or {@code +Infinity} logits are rejected because they mean a broken model
     * output, not a choice.
     */
    public static float[] softmax(float[] logits, double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number > 0, got " + temperature);
        }
        requireNonEmpty(logits, "logits");
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            float v = logits[i];
            if (Float.isNaN(v) || v == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("logit at index " + i + " is " + v);
            }
            max = Math.max(max, v);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("all " + logits.length + " logits are -Infinity: nothing can be sampled");
        }
        // Subtract the max before exp so the largest term is exp(0) = 1: no overflow at low temperature.
        double[] e = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp((logits[i] - (double) max) / temperature);
            sum += e[i];
        }
        float[] probs = new float[logits.length];
        for (int i = 0; i < probs.length; i++) {
            probs[i] = (float) (e[i] / sum);
        }
        return probs;
    }

    /**
     * Keeps the {@code k} most probable tokens (the lowest ids win ties at the boundary) and
     * renormalises. {@code k <= 0} or {@code k >= probs.length} switches the filter off (a copy is
     * returned).
     */
    public static float[] topK(float[] probs, int k) {
        requireNonEmpty(probs, "probs");
        if (k <= 0 || k >= probs.length) {
            return probs.clone();
        }
        // Min-heap of the k best packed keys: O(V log k) instead of sorting the whole vocabulary.
        long[] heap = new long[k];
        int size = 0;
        for (int i = 0; i < probs.length; i++) {
            if (!(probs[i] > 0)) {
                continue;
            }
            long key = packDescending(probs[i], i);
            if (size < k) {
                heap[size] = key;
                siftUp(heap, size++);
            } else if (key > heap[0]) {
                heap[0] = key;
                siftDown(heap, size);
            }
        }
        float[] out = new float[probs.length];
        double kept = 0;
        for (int h = 0; h < size; h++) {
            int index = unpackIndex(heap[h]);
            out[index] = probs[index];
            kept += probs[index];
        }
        return scale(out, kept);
    }

    /**
     * Nucleus filter: keeps the smallest set of most probable tokens whose probability reaches
     * {@code p} of the total (lowest ids first on ties, at least one token) and renormalises.
     * {@code p >= 1} switches the filter off (a copy is returned).
     */
    public static float[] topP(float[] probs, double p) {
        requireNonEmpty(probs, "probs");
        if (!(p > 0)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + p);
        }
        if (p >= 1) {
            return probs.clone();
        }
        double total = checkedSum(probs);
        // Tokens at or below t can together hold at most (1-p) of the mass, so the nucleus lies
        // among the tokens above t: only those need sorting.
        double t = total * (1 - p) / probs.length;
        int count = 0;
        for (float v : probs) {
            if (v > t) {
                count++;
            }
        }
        long[] keys = new long[count];
        int n = 0;
        for (int i = 0; i < probs.length; i++) {
            if (probs[i] > t) {
                keys[n++] = packDescending(probs[i], i);
            }
        }
        Arrays.sort(keys);
        float[] out = new float[probs.length];
        double goal = p * total * (1 - TOP_P_SLACK);
        double cumulative = 0;
        for (int j = keys.length - 1; j >= 0; j--) {
            int index = unpackIndex(keys[j]);
            out[index] = probs[index];
            cumulative += probs[index];
            if (cumulative >= goal) {
                break;
            }
        }
        return scale(out, cumulative);
    }

    /** Index of the largest value, the lowest index on ties; NaN entries never win. */
    public static int argmax(float[] values) {
        requireNonEmpty(values, "values");
        int best = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isNaN(values[i]) && (best < 0 || values[i] > values[best])) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("argmax of " + values.length + " NaN values");
        }
        return best;
    }

    /** Draws a token from {@code probs} with one {@code nextDouble()} of {@code random}. */
    public static int sample(float[] probs, RandomGenerator random) {
        return sample(probs, random.nextDouble());
    }

    /**
     * Inverse CDF: the first token whose cumulative probability exceeds {@code uniform × total}.
     * Scaling by the actual total makes a float distribution that sums to 0.9999999 safe; zero
     * entries are never returned.
     *
     * @param uniform a draw from [0, 1)
     */
    public static int sample(float[] probs, double uniform) {
        double target = checkUniform(uniform) * positiveMass(checkedSum(probs));
        double cumulative = 0;
        int lastPositive = -1;
        for (int i = 0; i < probs.length; i++) {
            if (probs[i] > 0) {
                cumulative += probs[i];
                lastPositive = i;
                if (cumulative > target) {
                    return i;
                }
            }
        }
        return lastPositive; // only reachable through rounding at uniform close to 1
    }

    /** As {@link #sample(float[], double)} over a double distribution (residuals are built in double). */
    static int sample(double[] probs, double uniform) {
        double total = 0;
        for (double v : probs) {
            total += v;
        }
        double target = checkUniform(uniform) * positiveMass(total);
        double cumulative = 0;
        int lastPositive = -1;
        for (int i = 0; i < probs.length; i++) {
            if (probs[i] > 0) {
                cumulative += probs[i];
                lastPositive = i;
                if (cumulative > target) {
                    return i;
                }
            }
        }
        return lastPositive;
    }

    /** Sum in double; rejects negative or NaN entries, which no distribution may contain. */
    public static double checkedSum(float[] probs) {
        requireNonEmpty(probs, "probs");
        double sum = 0;
        for (int i = 0; i < probs.length; i++) {
            if (!(probs[i] >= 0) || probs[i] == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("probability at index " + i + " is " + probs[i]);
            }
            sum += probs[i];
        }
        return sum;
    }

    private static double positiveMass(double total) {
        if (!(total > 0)) {
            throw new IllegalArgumentException("distribution has no probability mass (sum " + total + ")");
        }
        return total;
    }

    private static double checkUniform(double uniform) {
        if (!(uniform >= 0 && uniform < 1)) {
            throw new IllegalArgumentException("uniform draw must be in [0, 1), got " + uniform);
        }
        return uniform;
    }

    private static float[] scale(float[] probs, double sum) {
        for (int i = 0; i < probs.length; i++) {
            probs[i] = (float) (probs[i] / sum);
        }
        return probs;
    }

    private static void requireNonEmpty(float[] values, String what) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(what + " must be a non-empty array");
        }
    }

    // A non-negative float's bit pattern orders like its value, so (bits, inverted index) packed
    // into a long sorts by probability and, on ties, puts the lower token id higher.
    private static long packDescending(float prob, int index) {
        return ((long) Float.floatToIntBits(prob) << 32) | (Integer.MAX_VALUE - index);
    }

    private static int unpackIndex(long key) {
        return Integer.MAX_VALUE - (int) (key & 0xFFFF_FFFFL);
    }

    private static void siftUp(long[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (heap[parent] <= heap[i]) {
                return;
            }
            swap(heap, parent, i);
            i = parent;
        }
    }

    private static void siftDown(long[] heap, int size) {
        int i = 0;
        while (true) {
            int smallest = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && heap[left] < heap[smallest]) {
                smallest = left;
            }
            if (right < size && heap[right] < heap[smallest]) {
                smallest = right;
            }
            if (smallest == i) {
                return;
            }
            swap(heap, i, smallest);
            i = smallest;
        }
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
