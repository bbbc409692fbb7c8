package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Rotary position tables in Hugging Face's layout (rotate_half: frequencies repeated twice). */
public final class Rope {

    private Rope() {
    }

    /** One table's cos and sin, each [positions, rotaryDim]. */
    public record Table(NDArray cos, NDArray sin) {
    }

    /** Returns {cos, sin} of {@code spec}, each [positions × rotaryDim] row-major. */
    public static float[][] tables(ModelConfig.RopeSpec spec, int rotaryDim, int positions) {
        RopeScaling s = spec.scaling();
        double[] shortInv = s.inverseFrequencies(spec.theta(), rotaryDim);
        double[] longInv = s.longFrom() < positions ? s.longInverseFrequencies(spec.theta(), rotaryDim) : shortInv;
        float factor = (float) s.attentionFactor();
        float[] cos = new float[positions * rotaryDim];
        float[] sin = new float[positions * rotaryDim];
        int half = rotaryDim / 2;
        for (int p = 0; p < positions; p++) {
            double[] inv = p < s.longFrom() ? shortInv : longInv;
            for (int j = 0; j < half; j++) {
                // HF multiplies in float32 (inv_freq is a float32 tensor); doing the same keeps large positions bit-close.
                float angle = (float) p * (float) inv[j];
                float cv = (float) Math.cos(angle) * factor;
                float sv = (float) Math.sin(angle) * factor;
                cos[p * rotaryDim + j] = cv;
                cos[p * rotaryDim + j + half] = cv;
                sin[p * rotaryDim + j] = sv;
                sin[p * rotaryDim + j + half] = sv;
            }
        }
        return new float[][] {cos, sin};
    }

    /** Every rotary table of {@code c} over its context, as arrays in {@code m}. */
    public static java.util.List<Table> create(ModelConfig c, NDManager m) {
        java.util.List<Table> out = new java.util.ArrayList<>();
        if (!c.rotary()) {
            return out;
        }
        Shape shape = new Shape(c.maxPositions(), c.rotaryDim());
        for (ModelConfig.RopeSpec spec : c.ropes()) {
            float[][] t = tables(spec, c.rotaryDim(), c.maxPositions());
            out.add(new Table(m.create(t[0], shape), m.create(t[1], shape)));
        }
        return out;
    }
}
