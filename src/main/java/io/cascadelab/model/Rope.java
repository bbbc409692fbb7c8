package io.cascadelab.model;

/** Rotary position tables in Hugging Face's layout (rotate_half: frequencies repeated twice). */
public final class Rope {

    private Rope() {
    }

    /** Returns {cos, sin}, each [positions × rotaryDim] row-major. */
    public static float[][] tables(ModelConfig c, int positions) {
        int rot = c.rotaryDim();
        double[] inv = c.ropeScaling().inverseFrequencies(c.ropeTheta(), rot);
        float[] cos = new float[positions * rot];
        float[] sin = new float[positions * rot];
        int half = rot / 2;
        for (int p = 0; p < positions; p++) {
            for (int j = 0; j < half; j++) {
                // HF multiplies in float32; doing the same keeps large positions bit-close.
                float angle = (float) p * (float) inv[j];
                float cv = (float) Math.cos(angle);
                float sv = (float) Math.sin(angle);
                cos[p * rot + j] = cv;
                cos[p * rot + j + half] = cv;
                sin[p * rot + j] = sv;
                sin[p * rot + j + half] = sv;
            }
        }
        return new float[][] {cos, sin};
    }
}
