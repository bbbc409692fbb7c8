package io.cascadelab.decode;

import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelSession;
import io.cascadelab.trace.ModelCost;

import java.util.Arrays;
import java.util.Random;

/** Measures c_m(1) and c_m(k+1) (docs/ALGORITHMS.md, Metrics) for a model at a given context length on this machine. */
public final class CostProbe {

    private CostProbe() {
    }

    /** Median wall time of forwards over 1 and k+1 new tokens after {@code context} tokens. */
    public static ModelCost measure(LoadedModel m, String name, int level, int context, int k, int repeats) {
        int ctx = Math.max(1, Math.min(context, m.config().maxPositions() - k - 2));
        Random r = new Random(7);
        try (ModelSession s = primed(m, ctx, k + 2, r)) {
            double[] c = medians(s, ctx, new int[] {1, k + 1}, repeats, r, m.config().vocabSize());
            return new ModelCost(name, level, m.parameterCount(), c[0], c[1], k);
        }
    }

    /**
     * A new session holding {@code ctx} random tokens with room for {@code extra} more; an
     * encoder-decoder's encoder has read {@code ctx} random tokens first (its cost grows with both).
     */
    public static ModelSession primed(LoadedModel m, int ctx, int extra, Random r) {
        ModelSession s = m.newSession(ctx + extra);
        try {
            if (m.config().encoderDecoder()) {
                s.encode(random(r, ctx, m.config().vocabSize()));
            }
            s.feed(random(r, ctx, m.config().vocabSize()), false);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Median nanoseconds of forwards of each length in {@code lengths}, measured in alternation so that
     * a burst of load on a shared machine hits every length alike (the ratio c(k+1)/c(1) stays sound).
     */
    public static double[] medians(ModelSession s, int ctx, int[] lengths, int repeats, Random r, int vocab) {
        double[][] t = new double[lengths.length][repeats];
        for (int i = -2; i < repeats; i++) { // two warm-up rounds
            for (int l = 0; l < lengths.length; l++) {
                int[] toks = random(r, lengths[l], vocab);
                long t0 = System.nanoTime();
                s.forward(toks, false);
                long dt = System.nanoTime() - t0;
                s.truncate(ctx);
                if (i >= 0) {
                    t[l][i] = dt;
                }
            }
        }
        double[] out = new double[lengths.length];
        for (int l = 0; l < lengths.length; l++) {
            Arrays.sort(t[l]);
            out[l] = t[l][repeats / 2];
        }
        return out;
    }

    /** Median nanoseconds of forwards of {@code n} random tokens after the session's first {@code ctx} tokens. */
    public static double median(ModelSession s, int ctx, int n, int repeats, Random r, int vocab) {
        return medians(s, ctx, new int[] {n}, repeats, r, vocab)[0];
    }

    /** {@code n} uniformly random token ids. */
    public static int[] random(Random r, int n, int vocab) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(vocab);
        }
        return t;
    }
}
