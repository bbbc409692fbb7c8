package io.cascadelab.model;

import com.google.gson.JsonArray;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the golden tests share: reading expected arrays, argmax, and the logit tolerance. */
public final class Goldens {

    private Goldens() {
    }

    /** Integers of a JSON array. */
    public static int[] ints(JsonArray a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsInt();
        }
        return r;
    }

    /** Floats of a JSON array (numbers or the strings the fixture scripts write). */
    public static float[] floats(JsonArray a) {
        float[] r = new float[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsFloat();
        }
        return r;
    }

    /** Index of the largest value (the first on ties). */
    public static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Logits agree within 1e-4 of their scale (at least 1). */
    public static void assertClose(float[] want, float[] got, String what) {
        double scale = 0, err = 0;
        for (int v = 0; v < want.length; v++) {
            scale = Math.max(scale, Math.abs(want[v]));
            err = Math.max(err, Math.abs(want[v] - got[v]));
        }
        assertTrue(err <= 1e-4 * Math.max(1, scale), what + ": max logit error " + err);
    }
}
