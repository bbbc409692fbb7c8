package io.cascadelab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cascadelab.model.BlockWeights;
import io.cascadelab.model.DecoderWeights;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.Rope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trainable Llama weights: random initialisation into {@link DecoderWeights}, and the mapping of
 * each array to its Hugging Face tensor name for checkpoints and export.
 */
public final class LlamaParameters extends NamedParameters {

    private final DecoderWeights weights;

    private LlamaParameters(DecoderWeights weights, List<Param> params) {
        super(params);
        this.weights = weights;
    }

    /** GPT-2-style init: N(0, 0.02), output projections scaled by 1/sqrt(2L), norms at 1. */
    public static LlamaParameters init(ModelConfig c, NDManager m, long seed) {
        Random r = new Random(seed);
        double std = 0.02, outStd = 0.02 / Math.sqrt(2.0 * c.numLayers());
        int d = c.hiddenSize(), q = c.numHeads() * c.headDim(), kv = c.numKvHeads() * c.headDim(), f = c.intermediateSize();
        Map<String, float[]> values = new LinkedHashMap<>();
        values.put("model.embed_tokens.weight", gaussian(r, c.vocabSize() * d, std));
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            values.put(p + "input_layernorm.weight", ones(d));
            values.put(p + "post_attention_layernorm.weight", ones(d));
            values.put(p + "self_attn.q_proj.weight", gaussian(r, d * q, std));
            values.put(p + "self_attn.k_proj.weight", gaussian(r, d * kv, std));
            values.put(p + "self_attn.v_proj.weight", gaussian(r, d * kv, std));
            values.put(p + "self_attn.o_proj.weight", gaussian(r, q * d, outStd));
            values.put(p + "mlp.gate_proj.weight", gaussian(r, d * f, std));
            values.put(p + "mlp.up_proj.weight", gaussian(r, d * f, std));
            values.put(p + "mlp.down_proj.weight", gaussian(r, f * d, outStd));
        }
        values.put("model.norm.weight", ones(d));
        if (!c.tieWordEmbeddings()) {
            values.put("lm_head.weight", gaussian(r, d * c.vocabSize(), std));
        }
        return fromValues(c, m, values);
    }

    /**
     * Builds parameters from values keyed by HF name; linear weights are given in x·W layout
     * [in, out] (as they are held in memory), other tensors as in HF files.
     */
    public static LlamaParameters fromValues(ModelConfig c, NDManager m, Map<String, float[]> values) {
        int d = c.hiddenSize(), q = c.numHeads() * c.headDim(), kv = c.numKvHeads() * c.headDim(), f = c.intermediateSize();
        List<Param> params = new ArrayList<>();
        NDArray emb = param(params, m, values, "model.embed_tokens.weight", false, c.vocabSize(), d);
        List<BlockWeights> blocks = new ArrayList<>();
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            NDArray n1 = param(params, m, values, p + "input_layernorm.weight", false, d);
            NDArray n2 = param(params, m, values, p + "post_attention_layernorm.weight", false, d);
            NDArray wq = param(params, m, values, p + "self_attn.q_proj.weight", true, d, q);
            NDArray wk = param(params, m, values, p + "self_attn.k_proj.weight", true, d, kv);
            NDArray wv = param(params, m, values, p + "self_attn.v_proj.weight", true, d, kv);
            NDArray wo = param(params, m, values, p + "self_attn.o_proj.weight", true, q, d);
            NDArray gate = param(params, m, values, p + "mlp.gate_proj.weight", true, d, f);
            NDArray up = param(params, m, values, p + "mlp.up_proj.weight", true, d, f);
            NDArray down = param(params, m, values, p + "mlp.down_proj.weight", true, f, d);
            blocks.add(new BlockWeights(BlockWeights.Norms.pre(new BlockWeights.Norm(n1, null),
                    new BlockWeights.Norm(n2, null)), BlockWeights.Attention.plain(wq, wk, wv, wo),
                    BlockWeights.Mlp.gated(gate, up, down)));
        }
        NDArray norm = param(params, m, values, "model.norm.weight", false, d);
        NDArray head = c.tieWordEmbeddings() ? null : param(params, m, values, "lm_head.weight", true, d, c.vocabSize());
        DecoderWeights w = new DecoderWeights(c, m, emb, null, List.copyOf(blocks), new BlockWeights.Norm(norm, null),
                head, Rope.create(c, m));
        return new LlamaParameters(w, List.copyOf(params));
    }

    /** Parameters initialised from a Llama checkpoint (linear weights transposed into memory layout). */
    public static LlamaParameters fromCheckpoint(io.cascadelab.model.Checkpoint ckpt, ModelConfig c, NDManager m) {
        Map<String, float[]> values = new LinkedHashMap<>();
        LlamaParameters shape = init(c, m, 0); // names and shapes of every parameter
        for (Param p : shape.params()) {
            long[] mem = p.array().getShape().getShape();
            long[] file = p.linear() ? new long[] {mem[1], mem[0]} : mem;
            java.nio.FloatBuffer b = ckpt.read(p.hfName(), file);
            float[] v = new float[b.remaining()];
            b.get(v);
            values.put(p.hfName(), p.linear() ? transpose(v, (int) file[0], (int) file[1]) : v);
        }
        shape.params().forEach(p -> p.array().close());
        return fromValues(c, m, values);
    }

    /** The weights the decoder runs on. */
    public DecoderWeights weights() {
        return weights;
    }

    @Override
    public List<NDArray> arrays() {
        return weights.arrays();
    }
}
