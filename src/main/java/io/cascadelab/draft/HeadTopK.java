package io.cascadelab.draft;

/**
 * The most probable tokens of one MLP speculator head at one drafted position, for traces and
 * the UI (what the head proposed and what it considered next best).
 *
 * @param head          head index (0 predicts the token after the one just emitted)
 * @param tokens        token ids, most probable first
 * @param probabilities their probabilities under the distribution the head drew from
 */
public record HeadTopK(int head, int[] tokens, float[] probabilities) {

    public HeadTopK {
        if (tokens.length != probabilities.length) {
            throw new IllegalArgumentException(tokens.length + " tokens but " + probabilities.length + " probabilities");
        }
        tokens = tokens.clone();
        probabilities = probabilities.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The {@code k} most probable entries of {@code probs} (lowest id first on ties). */
    public static HeadTopK of(int head, float[] probs, int k) {
        int[] idx = topIndices(probs, k);
        float[] p = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            p[i] = probs[idx[i]];
        }
        return new HeadTopK(head, idx, p);
    }

    /** Indices of the {@code k} largest values, largest first, lowest index first on ties. */
    public static int[] topIndices(float[] values, int k) {
        int n = Math.min(k, values.length);
        int[] best = new int[n];
        int size = 0;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (Float.isNaN(v)) {
                continue;
            }
            if (size < n) {
                int j = size++;
                while (j > 0 && values[best[j - 1]] < v) {
                    best[j] = best[j - 1];
                    j--;
                }
                best[j] = i;
            } else if (v > values[best[n - 1]]) {
                int j = n - 1;
                while (j > 0 && values[best[j - 1]] < v) {
                    best[j] = best[j - 1];
                    j--;
                }
                best[j] = i;
            }
        }
        return size == n ? best : java.util.Arrays.copyOf(best, size);
    }
}
