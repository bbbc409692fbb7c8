package io.cascadelab.model;

import java.util.Map;

/**
 * An independent plain-Java Llama forward in double precision (loops, no DJL), straight from the
 * HF equations: the second check of the DJL decoder that needs no fixture.
 */
public final class LlamaReference {

    private final Map<String, float[]> w;
    private final TinyModels.Spec s;
    private final int hd;

    public LlamaReference(Map<String, float[]> hfTensors, TinyModels.Spec spec) {
        this.w = hfTensors;
        this.s = spec;
        this.hd = spec.hidden() / spec.heads();
    }

    /** Logits [T][V] for the whole sequence, positions 0..T-1. */
    public double[][] logits(int[] tokens) {
        int t = tokens.length, d = s.hidden();
        double[][] x = new double[t][d];
        float[] emb = w.get("model.embed_tokens.weight");
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = emb[tokens[i] * d + j];
            }
        }
        for (int l = 0; l < s.layers(); l++) {
            String p = "model.layers." + l + ".";
            double[][] h = rms(x, w.get(p + "input_layernorm.weight"));
            double[][] q = linear(h, w.get(p + "self_attn.q_proj.weight"), w.get(p + "self_attn.q_proj.bias"), s.heads() * hd);
            double[][] k = linear(h, w.get(p + "self_attn.k_proj.weight"), w.get(p + "self_attn.k_proj.bias"), s.kvHeads() * hd);
            double[][] v = linear(h, w.get(p + "self_attn.v_proj.weight"), w.get(p + "self_attn.v_proj.bias"), s.kvHeads() * hd);
            rope(q, s.heads());
            rope(k, s.kvHeads());
            double[][] o = new double[t][s.heads() * hd];
            int group = s.heads() / s.kvHeads();
            for (int head = 0; head < s.heads(); head++) {
                int kvHead = head / group;
                for (int i = 0; i < t; i++) {
                    double[] sc = new double[i + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        double dot = 0;
                        for (int c = 0; c < hd; c++) {
                            dot += q[i][head * hd + c] * k[j][kvHead * hd + c];
                        }
                        sc[j] = dot / Math.sqrt(hd);
                        max = Math.max(max, sc[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        sc[j] = Math.exp(sc[j] - max);
                        sum += sc[j];
                    }
                    for (int j = 0; j <= i; j++) {
                        for (int c = 0; c < hd; c++) {
                            o[i][head * hd + c] += sc[j] / sum * v[j][kvHead * hd + c];
                        }
                    }
                }
            }
            add(x, linear(o, w.get(p + "self_attn.o_proj.weight"), w.get(p + "self_attn.o_proj.bias"), d));
            double[][] h2 = rms(x, w.get(p + "post_attention_layernorm.weight"));
            double[][] gate = linear(h2, w.get(p + "mlp.gate_proj.weight"), null, s.ffn());
            double[][] up = linear(h2, w.get(p + "mlp.up_proj.weight"), null, s.ffn());
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < s.ffn(); j++) {
                    double g = gate[i][j];
                    gate[i][j] = g / (1 + Math.exp(-g)) * up[i][j];
                }
            }
            add(x, linear(gate, w.get(p + "mlp.down_proj.weight"), null, d));
        }
        double[][] hn = rms(x, w.get("model.norm.weight"));
        float[] head = s.tied() ? emb : w.get("lm_head.weight");
        return linear(hn, head, null, s.vocab());
    }

    private double[][] rms(double[][] x, float[] g) {
        double[][] out = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            double ms = 0;
            for (double v : x[i]) {
                ms += v * v;
            }
            double inv = 1 / Math.sqrt(ms / x[i].length + 1e-5);
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = x[i][j] * inv * g[j];
            }
        }
        return out;
    }

    /** y = x · Wᵀ + b with W in torch Linear layout [out, in]. */
    private static double[][] linear(double[][] x, float[] wt, float[] b, int out) {
        int in = x[0].length;
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double acc = b == null ? 0 : b[o];
                for (int c = 0; c < in; c++) {
                    acc += x[i][c] * wt[o * in + c];
                }
                y[i][o] = acc;
            }
        }
        return y;
    }

    private void rope(double[][] x, int heads) {
        int half = hd / 2;
        for (int pos = 0; pos < x.length; pos++) {
            for (int h = 0; h < heads; h++) {
                for (int j = 0; j < half; j++) {
                    double freq = 1 / Math.pow(s.ropeTheta(), 2.0 * j / hd);
                    double c = Math.cos(pos * freq), sn = Math.sin(pos * freq);
                    double a = x[pos][h * hd + j], b = x[pos][h * hd + j + half];
                    x[pos][h * hd + j] = a * c - b * sn;
                    x[pos][h * hd + j + half] = b * c + a * sn;
                }
            }
        }
    }

    private static void add(double[][] x, double[][] y) {
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] += y[i][j];
            }
        }
    }
}
