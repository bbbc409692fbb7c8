package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a checkpoint's tensor names onto {@link DecoderWeights}. The only per-family code in the
 * runtime: names, fused-QKV layouts and Linear-vs-Conv1D orientation.
 */
public final class WeightLoader {

    private final Checkpoint ckpt;
    private final ModelConfig c;
    private final NDManager m;

    private WeightLoader(Checkpoint ckpt, ModelConfig c, NDManager m) {
        this.ckpt = ckpt;
        this.c = c;
        this.m = m;
    }

    /** Loads the weights of {@code ckpt} for {@code config} into {@code manager}. */
    public static DecoderWeights load(Checkpoint ckpt, ModelConfig config, NDManager manager) {
        return new WeightLoader(ckpt, config, manager).load();
    }

    private DecoderWeights load() {
        List<BlockWeights> blocks = new ArrayList<>();
        int d = c.hiddenSize();
        return switch (c.architecture()) {
            case LLAMA, MISTRAL, QWEN2 -> {
                String p = "";
                for (int i = 0; i < c.numLayers(); i++) {
                    blocks.add(llamaBlock(p + "model.layers." + i + "."));
                }
                NDArray emb = raw(p + "model.embed_tokens.weight", c.vocabSize(), d);
                NDArray head = c.tieWordEmbeddings() ? null : linear("lm_head.weight", d, c.vocabSize());
                yield finish(emb, null, blocks, new BlockWeights.Norm(raw(p + "model.norm.weight", d), null), head);
            }
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
        };
    }

    /** Older GPT-2 exports drop the "transformer." prefix: accept both spellings. */
    private String gpt2Prefix() {
        return ckpt.has("wte.weight") && !ckpt.has("transformer.wte.weight") ? "" : "transformer.";
    }

    private BlockWeights llamaBlock(String p) {
        int d = c.hiddenSize(), q = c.numHeads() * c.headDim(), kv = c.numKvHeads() * c.headDim();
        String a = p + "self_attn.";
        return new BlockWeights(
                new BlockWeights.Norm(raw(p + "input_layernorm.weight", d), null),
                new BlockWeights.Norm(raw(p + "post_attention_layernorm.weight", d), null),
                linear(a + "q_proj.weight", d, q), linear(a + "k_proj.weight", d, kv), linear(a + "v_proj.weight", d, kv),
                c.qkvBias() ? raw(a + "q_proj.bias", q) : null,
                c.qkvBias() ? raw(a + "k_proj.bias", kv) : null,
                c.qkvBias() ? raw(a + "v_proj.bias", kv) : null,
                linear(a + "o_proj.weight", q, d), c.outBias() ? raw(a + "o_proj.bias", d) : null,
                linear(p + "mlp.gate_proj.weight", d, c.intermediateSize()),
                linear(p + "mlp.up_proj.weight", d, c.intermediateSize()), null,
                linear(p + "mlp.down_proj.weight", c.intermediateSize(), d), null);
    }

    private BlockWeights gpt2Block(String p) {
        int d = c.hiddenSize(), f = c.intermediateSize();
        // Conv1D stores [in, out] already; c_attn packs q|k|v along the output axis.
        NDArray qkv = raw(p + "attn.c_attn.weight", d, 3L * d);
        NDArray qkvBias = raw(p + "attn.c_attn.bias", 3L * d);
        return new BlockWeights(layerNorm(p + "ln_1"), layerNorm(p + "ln_2"),
                (qkv.get(":, 0:{}", d)), (qkv.get(":, {}:{}", d, 2 * d)),
                (qkv.get(":, {}:", 2 * d)),
                (qkvBias.get("0:{}", d)), (qkvBias.get("{}:{}", d, 2 * d)),
                (qkvBias.get("{}:", 2 * d)),
                raw(p + "attn.c_proj.weight", d, d), raw(p + "attn.c_proj.bias", d),
                null, raw(p + "mlp.c_fc.weight", d, f), raw(p + "mlp.c_fc.bias", f),
                raw(p + "mlp.c_proj.weight", f, d), raw(p + "mlp.c_proj.bias", d));
    }

    private BlockWeights neoxBlock(String p) {
        int d = c.hiddenSize(), f = c.intermediateSize(), h = c.numHeads(), hd = c.headDim();
        // Fused QKV rows are ordered [head, (q|k|v), head_dim].
        NDArray w = raw(p + "attention.query_key_value.weight", 3L * d, d).reshape(h, 3, hd, d);
        NDArray b = raw(p + "attention.query_key_value.bias", 3L * d).reshape(h, 3, hd);
        NDArray[] ws = new NDArray[3];
        NDArray[] bs = new NDArray[3];
        for (int i = 0; i < 3; i++) {
            ws[i] = (w.get(":, {}, :, :", i).reshape(d, d).transpose());
            bs[i] = (b.get(":, {}, :", i).reshape(d));
        }
        return new BlockWeights(layerNorm(p + "input_layernorm"), layerNorm(p + "post_attention_layernorm"),
                ws[0], ws[1], ws[2], bs[0], bs[1], bs[2],
                linear(p + "attention.dense.weight", d, d), raw(p + "attention.dense.bias", d),
                null, linear(p + "mlp.dense_h_to_4h.weight", d, f), raw(p + "mlp.dense_h_to_4h.bias", f),
                linear(p + "mlp.dense_4h_to_h.weight", f, d), raw(p + "mlp.dense_4h_to_h.bias", d));
    }

    private DecoderWeights finish(NDArray emb, NDArray pos, List<BlockWeights> blocks, BlockWeights.Norm norm,
                                  NDArray head) {
        NDArray cos = null, sin = null;
        if (c.rotary()) {
            float[][] t = Rope.tables(c, c.maxPositions());
            cos = m.create(t[0], new Shape(c.maxPositions(), c.rotaryDim()));
            sin = m.create(t[1], new Shape(c.maxPositions(), c.rotaryDim()));
        }
        return new DecoderWeights(c, m, emb, pos, List.copyOf(blocks), norm, head, cos, sin);
    }

    private BlockWeights.Norm layerNorm(String p) {
        return new BlockWeights.Norm(raw(p + ".weight", c.hiddenSize()), raw(p + ".bias", c.hiddenSize()));
    }

    /** A torch Linear weight [out, in], stored transposed (dense) as [in, out]. */
    private NDArray linear(String name, long in, long out) {
        FloatBuffer src = ckpt.read(name, out, in);
        FloatBuffer dst = ByteBuffer.allocateDirect((int) (in * out) * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                dst.put(src.get((int) (o * in + i)));
            }
        }
        return m.create(dst.flip(), new Shape(in, out));
    }

    private NDArray raw(String name, long... shape) {
        return m.create(ckpt.read(name, shape), new Shape(shape));
    }
}
