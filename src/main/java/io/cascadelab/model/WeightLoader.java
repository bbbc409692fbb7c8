package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a checkpoint's tensor names onto {@link DecoderWeights}. The only per-family code in the
 * runtime: names, fused layouts (GPT-2's c_attn, NeoX's query_key_value, Phi-3's qkv_proj and
 * gate_up_proj), Linear-vs-Conv1D orientation, and Gemma's (1 + w) norm weights.
 */
public final class WeightLoader {

    private final TensorSource ckpt;
    private final ModelConfig c;
    private final NDManager m;

    WeightLoader(TensorSource ckpt, ModelConfig c, NDManager m) {
        this.ckpt = ckpt;
        this.c = c;
        this.m = m;
    }

    /** Loads the weights of {@code ckpt} (a checkpoint or a GGUF file) for {@code config} into {@code manager}. */
    public static DecoderWeights load(TensorSource ckpt, ModelConfig config, NDManager manager) {
        return new WeightLoader(ckpt, config, manager).load();
    }

    /** As {@link #load(TensorSource, ModelConfig, NDManager)}, with the projections held in {@code dtype}. */
    public static DecoderWeights load(TensorSource ckpt, ModelConfig config, NDManager manager, ComputeDType dtype) {
        return ProjectionCast.<DecoderWeights>load(dtype, manager, m -> load(ckpt, config, m), ProjectionCast::apply);
    }

    private DecoderWeights load() {
        List<BlockWeights> blocks = new ArrayList<>();
        int d = c.hiddenSize();
        return switch (c.architecture()) {
            case GPT2 -> {
                String p = gpt2Prefix();
                for (int i = 0; i < c.numLayers(); i++) {
                    blocks.add(gpt2Block(p + "h." + i + "."));
                }
                NDArray emb = raw(p + "wte.weight", c.vocabSize(), d);
                yield finish(emb, raw(p + "wpe.weight", c.maxPositions(), d), blocks, layerNorm(p + "ln_f"), null);
            }
            case GPT_NEOX -> {
                for (int i = 0; i < c.numLayers(); i++) {
                    blocks.add(neoxBlock("gpt_neox.layers." + i + "."));
                }
                NDArray emb = raw("gpt_neox.embed_in.weight", c.vocabSize(), d);
                NDArray head = c.tieWordEmbeddings() ? null : linear("embed_out.weight", d, c.vocabSize());
                yield finish(emb, null, blocks, layerNorm("gpt_neox.final_layer_norm"), head);
            }
            default -> {
                for (int i = 0; i < c.numLayers(); i++) {
                    blocks.add(decoderBlock("model.layers." + i + "."));
                }
                NDArray emb = raw("model.embed_tokens.weight", c.vocabSize(), d);
                NDArray head = c.tieWordEmbeddings() ? null : linear("lm_head.weight", d, c.vocabSize());
                yield finish(emb, null, blocks, rms("model.norm.weight", d), head);
            }
        };
    }

    /** Older GPT-2 exports drop the "transformer." prefix: accept both spellings. */
    private String gpt2Prefix() {
        return ckpt.has("wte.weight") && !ckpt.has("transformer.wte.weight") ? "" : "transformer.";
    }

    private BlockWeights decoderBlock(String p) {
        return new BlockWeights(decoderNorms(p), decoderAttention(p + "self_attn."), decoderMlp(p + "mlp."));
    }

    private BlockWeights.Norms decoderNorms(String p) {
        int d = c.hiddenSize();
        return switch (c.layout()) {
            case SANDWICH -> new BlockWeights.Norms(rms(p + "input_layernorm.weight", d),
                    rms(p + "post_attention_layernorm.weight", d), rms(p + "pre_feedforward_layernorm.weight", d),
                    rms(p + "post_feedforward_layernorm.weight", d));
            case POST_NORM -> new BlockWeights.Norms(null, rms(p + "post_attention_layernorm.weight", d), null,
                    rms(p + "post_feedforward_layernorm.weight", d));
            default -> BlockWeights.Norms.pre(rms(p + "input_layernorm.weight", d),
                    rms(p + "post_attention_layernorm.weight", d));
        };
    }

    private BlockWeights.Attention decoderAttention(String a) {
        int d = c.hiddenSize(), q = c.numHeads() * c.headDim(), kv = c.numKvHeads() * c.headDim();
        NDArray[] qkv = c.architecture() == Architecture.PHI3
                ? linearSplit(a + "qkv_proj.weight", d, q, kv, kv)
                : new NDArray[] {linear(a + "q_proj.weight", d, q), linear(a + "k_proj.weight", d, kv),
                        linear(a + "v_proj.weight", d, kv)};
        ModelConfig.Biases bias = c.biases();
        BlockWeights.Norm qNorm = null, kNorm = null;
        if (c.qkNorm() != ModelConfig.QkNorm.NONE) {
            boolean whole = c.qkNorm() == ModelConfig.QkNorm.WHOLE;
            qNorm = rms(a + "q_norm.weight", whole ? q : c.headDim());
            kNorm = rms(a + "k_norm.weight", whole ? kv : c.headDim());
        }
        return new BlockWeights.Attention(qkv[0], qkv[1], qkv[2],
                bias.qkv() ? raw(a + "q_proj.bias", q) : null,
                bias.qkv() ? raw(a + "k_proj.bias", kv) : null,
                bias.qkv() ? raw(a + "v_proj.bias", kv) : null,
                linear(a + "o_proj.weight", q, d), bias.attnOut() ? raw(a + "o_proj.bias", d) : null, qNorm, kNorm);
    }

    private BlockWeights.Mlp decoderMlp(String p) {
        int d = c.hiddenSize(), f = c.intermediateSize();
        boolean bias = c.biases().mlp();
        NDArray[] gateUp = c.architecture() == Architecture.PHI3
                ? linearSplit(p + "gate_up_proj.weight", d, f, f)
                : new NDArray[] {linear(p + "gate_proj.weight", d, f), linear(p + "up_proj.weight", d, f)};
        return new BlockWeights.Mlp(gateUp[0], bias ? raw(p + "gate_proj.bias", f) : null,
                gateUp[1], bias ? raw(p + "up_proj.bias", f) : null,
                linear(p + "down_proj.weight", f, d), bias ? raw(p + "down_proj.bias", d) : null);
    }

    private BlockWeights gpt2Block(String p) {
        int d = c.hiddenSize(), f = c.intermediateSize();
        // Conv1D stores [in, out] already; c_attn packs q|k|v along the output axis.
        NDArray qkv = raw(p + "attn.c_attn.weight", d, 3L * d);
        NDArray qkvBias = raw(p + "attn.c_attn.bias", 3L * d);
        BlockWeights.Attention attn = new BlockWeights.Attention(
                qkv.get(":, 0:{}", d), qkv.get(":, {}:{}", d, 2 * d), qkv.get(":, {}:", 2 * d),
                qkvBias.get("0:{}", d), qkvBias.get("{}:{}", d, 2 * d), qkvBias.get("{}:", 2 * d),
                raw(p + "attn.c_proj.weight", d, d), raw(p + "attn.c_proj.bias", d), null, null);
        BlockWeights.Mlp mlp = new BlockWeights.Mlp(null, null, raw(p + "mlp.c_fc.weight", d, f),
                raw(p + "mlp.c_fc.bias", f), raw(p + "mlp.c_proj.weight", f, d), raw(p + "mlp.c_proj.bias", d));
        return new BlockWeights(BlockWeights.Norms.pre(layerNorm(p + "ln_1"), layerNorm(p + "ln_2")), attn, mlp);
    }

    private BlockWeights neoxBlock(String p) {
        int d = c.hiddenSize(), f = c.intermediateSize(), h = c.numHeads(), hd = c.headDim();
        // Fused QKV rows are ordered [head, (q|k|v), head_dim].
        NDArray w = raw(p + "attention.query_key_value.weight", 3L * d, d).reshape(h, 3, hd, d);
        NDArray b = raw(p + "attention.query_key_value.bias", 3L * d).reshape(h, 3, hd);
        NDArray[] ws = new NDArray[3];
        NDArray[] bs = new NDArray[3];
        for (int i = 0; i < 3; i++) {
            ws[i] = w.get(":, {}, :, :", i).reshape(d, d).transpose();
            bs[i] = b.get(":, {}, :", i).reshape(d);
        }
        BlockWeights.Attention attn = new BlockWeights.Attention(ws[0], ws[1], ws[2], bs[0], bs[1], bs[2],
                linear(p + "attention.dense.weight", d, d), raw(p + "attention.dense.bias", d), null, null);
        BlockWeights.Mlp mlp = new BlockWeights.Mlp(null, null, linear(p + "mlp.dense_h_to_4h.weight", d, f),
                raw(p + "mlp.dense_h_to_4h.bias", f), linear(p + "mlp.dense_4h_to_h.weight", f, d),
                raw(p + "mlp.dense_4h_to_h.bias", d));
        return new BlockWeights(BlockWeights.Norms.pre(layerNorm(p + "input_layernorm"),
                layerNorm(p + "post_attention_layernorm")), attn, mlp);
    }

    private DecoderWeights finish(NDArray emb, NDArray pos, List<BlockWeights> blocks, BlockWeights.Norm norm,
                                  NDArray head) {
        return new DecoderWeights(c, m, emb, pos, blocks, norm, head, Rope.create(c, m));
    }

    private BlockWeights.Norm layerNorm(String p) {
        return new BlockWeights.Norm(raw(p + ".weight", c.hiddenSize()), raw(p + ".bias", c.hiddenSize()));
    }

    /** An RMSNorm weight; Gemma stores w and scales by (1 + w), so 1 is added here once (in float32, as HF). */
    BlockWeights.Norm rms(String name, int n) {
        FloatBuffer src = ckpt.read(name, n);
        if (c.architecture() != Architecture.GEMMA2 && c.architecture() != Architecture.GEMMA3) {
            return new BlockWeights.Norm(m.create(src, new Shape(n)), null);
        }
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1.0f + src.get(i);
        }
        return new BlockWeights.Norm(m.create(w, new Shape(n)), null);
    }

    /** A torch Linear weight [out, in], stored transposed (dense) as [in, out]. */
    NDArray linear(String name, long in, long out) {
        return linearSplit(name, in, out)[0];
    }

    /**
     * A torch Linear weight whose rows stack several projections ([Σ outs, in]), each stored as a
     * dense [in, out] copy, transposed by PyTorch (a Java loop over a 0.5B model took seconds).
     * Dense, not a transposed view: x·W streams a dense [in, out] 40 % faster once the weights
     * outgrow the caches (measured: 40 vs 58 ms per pass over 800 MB of 896×4864 matrices).
     */
    private NDArray[] linearSplit(String name, long in, long... outs) {
        long total = 0;
        for (long o : outs) {
            total += o;
        }
        NDArray[] parts = new NDArray[outs.length];
        try (NDArray rows = raw(name, total, in)) {
            long row0 = 0;
            for (int k = 0; k < outs.length; k++) {
                NDArray part = outs.length == 1 ? rows : rows.get("{}:{}, :", row0, row0 + outs[k]);
                // flattening a transposed view copies it densely in the transposed order
                parts[k] = part.transpose().flatten().reshape(in, outs[k]);
                row0 += outs[k];
            }
        }
        return parts;
    }

    NDArray raw(String name, long... shape) {
        return m.create(ckpt.readNative(name, shape), new Shape(shape), DataType.FLOAT32);
    }
}
