package io.cascadelab.sim;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** The stand-ins' next-token distributions over the synthetic vocabulary. */
final class Rows {

    /** p(own choice) when a stand-in is sure of it. */
    static final float SURE = 0.9f;
    /** When a stand-in drafter disagrees with the target it still gives the target's token this much,
     *  so a lenient review (p > 1/l, l ≥ 3) can accept it, as lenience does with real models. */
    static final float SECOND = 0.35f;
    static final float WRONG = 0.45f;

    private Rows() {
    }

    /** {@code top} gets {@code p}; the rest share what is left. */
    static float[] peaked(int vocab, int top, float p) {
        float[] row = new float[vocab];
        Arrays.fill(row, (1 - p) / (vocab - 1));
        row[top] = p;
        return row;
    }

    /** A drafter that prefers {@code wrong} but still gives the target's token {@code right} a fair share. */
    static float[] mistaken(int vocab, int wrong, int right) {
        float[] row = new float[vocab];
        Arrays.fill(row, (1 - WRONG - SECOND) / (vocab - 2));
        row[wrong] = WRONG;
        row[right] = SECOND;
        return row;
    }

    /** A token other than {@code right}, uniformly. */
    static int other(int vocab, int right, RandomGenerator random) {
        return (right + 1 + random.nextInt(vocab - 1)) % vocab;
    }

    /** {@code sequence} followed by {@code drafts}. */
    static int[] concat(int[] sequence, int[] drafts) {
        int[] full = Arrays.copyOf(sequence, sequence.length + drafts.length);
        System.arraycopy(drafts, 0, full, sequence.length, drafts.length);
        return full;
    }
}
