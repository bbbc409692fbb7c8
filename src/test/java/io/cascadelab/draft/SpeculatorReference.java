package io.cascadelab.draft;

import java.util.Map;

/**
 * An independent plain-Java, double-precision reading of docs/ALGORITHMS.md's speculator equations, over
 * Hugging Face tensors (names and [out, in] layout as stored), for tests.
 */
final class SpeculatorReference {

    private final Map<String, float[]> t;
    private final int vocab, embDim, inner, nPredict;
    private final boolean tie, scaleInput;

    SpeculatorReference(Map<String, float[]> hfTensors, int vocab, int embDim, int inner, int nPredict, boolean tie,
                        boolean scaleInput) {
        this.t = hfTensors;
        this.vocab = vocab;
        this.embDim = embDim;
        this.inner = inner;
        this.nPredict = nPredict;
        this.tie = tie;
        this.scaleInput = scaleInput;
    }

    /** Logits of heads 0..tokens.length−1, head i fed tokens[i] (teacher forcing). */
    double[][] logits(float[] hidden, int[] tokens) {
        double sw = Math.pow(0.5, 0.5 / nPredict);
        double ew = Math.sqrt((1 - sw * sw) * inner / 2.0);
        double alpha = ew / sw;
        double[] s = new double[hidden.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = hidden[i];
        }
        if (scaleInput) {
            double ms = 0;
            for (double x : s) {
                ms += x * x;
            }
            double r = Math.sqrt(ms / s.length + 1e-6);
            for (int i = 0; i < s.length; i++) {
                s[i] = s[i] / r / Math.sqrt(2);
            }
        }
        double[][] out = new double[tokens.length][];
        for (int h = 0; h < tokens.length; h++) {
            int e = tie ? 0 : h;
            int p = tie && h >= 2 ? 1 : h;
            float[] emb = t.get("speculator.emb." + e + ".weight");     // [V, D]
            float[] proj = t.get("speculator.proj." + p + ".weight");   // [D, in]
            float[] g = t.get("speculator.ln." + e + ".weight");
            float[] b = t.get("speculator.ln." + e + ".bias");
            float[] head = t.get("speculator.head." + e + ".weight");   // [V, D]
            int in = s.length;
            double[] u = new double[inner];
            for (int o = 0; o < inner; o++) {
                double acc = 0;
                for (int k = 0; k < in; k++) {
                    acc += proj[o * in + k] * s[k];
                }
                u[o] = acc + alpha * emb[tokens[h] * inner + o];
            }
            double ms = 0;
            for (double x : u) {
                ms += x * x;
            }
            double r = Math.sqrt(ms / inner + 1e-6);
            double[] ns = new double[inner];
            for (int o = 0; o < inner; o++) {
                double n = g[o] * u[o] / r + b[o];
                ns[o] = 0.5 * n * (1 + erf(n / Math.sqrt(2)));
            }
            s = ns;
            double[] logits = new double[vocab];
            for (int v = 0; v < vocab; v++) {
                double acc = 0;
                for (int k = 0; k < inner; k++) {
                    acc += head[v * inner + k] * s[k];
                }
                logits[v] = acc;
            }
            out[h] = logits;
        }
        return out;
    }

    /** erf by its Taylor series (|x| < 4) or the asymptotic expansion of erfc; error far below 1e-9. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 4) {
            double term = ax, sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17) {
                    break;
                }
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double x2 = ax * ax;
            double erfc = Math.exp(-x2) / (ax * Math.sqrt(Math.PI)) * (1 - 1 / (2 * x2) + 3 / (4 * x2 * x2));
            r = 1 - erfc;
        }
        return x < 0 ? -r : r;
    }
}
