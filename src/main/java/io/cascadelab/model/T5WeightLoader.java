package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a T5ForConditionalGeneration checkpoint's tensor names onto {@link T5Weights}:
 * {@code encoder.block.i.layer.0} is self-attention, {@code .layer.1} the feed-forward; the
 * decoder has cross-attention at {@code .layer.1} and the feed-forward at {@code .layer.2}.
 */
final class T5WeightLoader {

    private final WeightLoader w;
    private final ModelConfig c;
    private final NDManager m;

    private T5WeightLoader(TensorSource ckpt, ModelConfig c, NDManager m) {
        this.w = new WeightLoader(ckpt, c, m);
        this.c = c;
        this.m = m;
    }

    static T5Weights load(TensorSource ckpt, ModelConfig config, NDManager manager) {
        return new T5WeightLoader(ckpt, config, manager).load();
    }

    /** As {@link #load(TensorSource, ModelConfig, NDManager)}, with the projections held in {@code dtype}. */
    static T5Weights load(TensorSource ckpt, ModelConfig config, NDManager manager, ComputeDType dtype) {
        return ProjectionCast.<T5Weights>load(dtype, manager, m -> load(ckpt, config, m), ProjectionCast::apply);
    }

    private T5Weights load() {
        int d = c.hiddenSize();
        NDArray shared = w.raw("shared.weight", c.vocabSize(), d);
        T5Weights.Stack encoder = stack("encoder", c.encoder().layers(), false);
        T5Weights.Stack decoder = stack("decoder", c.numLayers(), true);
        NDArray head = c.tieWordEmbeddings() ? null : w.linear("lm_head.weight", d, c.vocabSize());
        return new T5Weights(c, m, shared, encoder, decoder, head);
    }

    private T5Weights.Stack stack(String name, int layers, boolean decoder) {
        int d = c.hiddenSize();
        List<BlockWeights> blocks = new ArrayList<>();
        List<T5Weights.CrossAttention> cross = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            String p = name + ".block." + i + ".layer.";
            String ff = p + (decoder ? 2 : 1) + ".";
            blocks.add(new BlockWeights(BlockWeights.Norms.pre(w.rms(p + "0.layer_norm.weight", d),
                    w.rms(ff + "layer_norm.weight", d)), attention(p + "0.SelfAttention."), mlp(ff + "DenseReluDense.")));
            if (decoder) {
                cross.add(new T5Weights.CrossAttention(w.rms(p + "1.layer_norm.weight", d),
                        attention(p + "1.EncDecAttention.")));
            }
        }
        NDArray bias = w.raw(name + ".block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                c.encoder().relativeBuckets(), c.numHeads());
        return new T5Weights.Stack(blocks, cross, w.rms(name + ".final_layer_norm.weight", d), bias);
    }

    private BlockWeights.Attention attention(String p) {
        int d = c.hiddenSize(), inner = c.numHeads() * c.headDim();
        return BlockWeights.Attention.plain(w.linear(p + "q.weight", d, inner), w.linear(p + "k.weight", d, inner),
                w.linear(p + "v.weight", d, inner), w.linear(p + "o.weight", inner, d));
    }

    private BlockWeights.Mlp mlp(String p) {
        int d = c.hiddenSize(), f = c.intermediateSize();
        NDArray down = w.linear(p + "wo.weight", f, d);
        if (c.gatedMlp()) {
            return BlockWeights.Mlp.gated(w.linear(p + "wi_0.weight", d, f), w.linear(p + "wi_1.weight", d, f), down);
        }
        return new BlockWeights.Mlp(null, null, w.linear(p + "wi.weight", d, f), null, down, null);
    }
}
