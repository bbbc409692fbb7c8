package io.cascadelab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.cascadelab.model.BlockWeights;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.T5Weights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trainable T5 weights: transformers' T5 initialisation into {@link T5Weights}, with the
 * checkpoint's tensor names (those {@code T5WeightLoader} reads) for checkpoints and export.
 */
public final class T5Parameters extends NamedParameters {

    private final T5Weights weights;

    private T5Parameters(T5Weights weights, List<Param> params) {
        super(params);
        this.weights = weights;
    }

    /**
     * transformers' T5 init (factor 1): embeddings N(0, 1), queries N(0, (d·d_kv)^-½), keys, values
     * and input projections N(0, d^-½), outputs N(0, (fan in)^-½), norms 1.
     */
    public static T5Parameters init(ModelConfig c, NDManager m, long seed) {
        Random r = new Random(seed);
        int d = c.hiddenSize(), inner = c.numHeads() * c.headDim(), f = c.intermediateSize();
        Map<String, float[]> v = new LinkedHashMap<>();
        v.put("shared.weight", gaussian(r, c.vocabSize() * d, 1.0));
        for (String stack : List.of("encoder", "decoder")) {
            boolean decoder = stack.equals("decoder");
            int layers = decoder ? c.numLayers() : c.encoder().layers();
            for (int i = 0; i < layers; i++) {
                String p = stack + ".block." + i + ".layer.";
                attention(v, r, p + "0.SelfAttention.", d, inner, c.headDim());
                v.put(p + "0.layer_norm.weight", ones(d));
                if (decoder) {
                    attention(v, r, p + "1.EncDecAttention.", d, inner, c.headDim());
                    v.put(p + "1.layer_norm.weight", ones(d));
                }
                String ff = p + (decoder ? 2 : 1) + ".";
                if (c.gatedMlp()) {
                    v.put(ff + "DenseReluDense.wi_0.weight", gaussian(r, d * f, Math.pow(d, -0.5)));
                    v.put(ff + "DenseReluDense.wi_1.weight", gaussian(r, d * f, Math.pow(d, -0.5)));
                } else {
                    v.put(ff + "DenseReluDense.wi.weight", gaussian(r, d * f, Math.pow(d, -0.5)));
                }
                v.put(ff + "DenseReluDense.wo.weight", gaussian(r, f * d, Math.pow(f, -0.5)));
                v.put(ff + "layer_norm.weight", ones(d));
            }
            v.put(stack + ".block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                    gaussian(r, c.encoder().relativeBuckets() * c.numHeads(), Math.pow(d, -0.5)));
            v.put(stack + ".final_layer_norm.weight", ones(d));
        }
        if (!c.tieWordEmbeddings()) {
            v.put("lm_head.weight", gaussian(r, d * c.vocabSize(), 1.0));
        }
        return fromValues(c, m, v);
    }

    private static void attention(Map<String, float[]> v, Random r, String p, int d, int inner, int headDim) {
        v.put(p + "q.weight", gaussian(r, d * inner, Math.pow((double) d * headDim, -0.5)));
        v.put(p + "k.weight", gaussian(r, d * inner, Math.pow(d, -0.5)));
        v.put(p + "v.weight", gaussian(r, d * inner, Math.pow(d, -0.5)));
        v.put(p + "o.weight", gaussian(r, inner * d, Math.pow(inner, -0.5)));
    }

    /** Parameters from values keyed by tensor name, linear weights in memory layout [in, out]. */
    public static T5Parameters fromValues(ModelConfig c, NDManager m, Map<String, float[]> values) {
        List<Param> params = new ArrayList<>();
        Builder b = new Builder(c, m, values, params);
        NDArray shared = b.param("shared.weight", false, c.vocabSize(), c.hiddenSize());
        T5Weights.Stack encoder = b.stack("encoder", c.encoder().layers(), false);
        T5Weights.Stack decoder = b.stack("decoder", c.numLayers(), true);
        NDArray head = c.tieWordEmbeddings() ? null : b.param("lm_head.weight", true, c.hiddenSize(), c.vocabSize());
        return new T5Parameters(new T5Weights(c, m, shared, encoder, decoder, head), params);
    }

    /** The weights the T5 forward runs on. */
    public T5Weights weights() {
        return weights;
    }

    @Override
    public List<NDArray> arrays() {
        return weights.parameters();
    }

    /** Makes the named parameters of one model in checkpoint order. */
    private record Builder(ModelConfig c, NDManager m, Map<String, float[]> values, List<Param> params) {

        NDArray param(String name, boolean linear, long... shape) {
            return NamedParameters.param(params, m, values, name, linear, shape);
        }

        BlockWeights.Norm norm(String name) {
            return new BlockWeights.Norm(param(name, false, c.hiddenSize()), null);
        }

        T5Weights.Stack stack(String name, int layers, boolean decoder) {
            List<BlockWeights> blocks = new ArrayList<>();
            List<T5Weights.CrossAttention> cross = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                String p = name + ".block." + i + ".layer.";
                String ff = p + (decoder ? 2 : 1) + ".";
                BlockWeights.Attention self = attention(p + "0.SelfAttention.");
                BlockWeights.Norm selfNorm = norm(p + "0.layer_norm.weight");
                if (decoder) {
                    cross.add(new T5Weights.CrossAttention(norm(p + "1.layer_norm.weight"),
                            attention(p + "1.EncDecAttention.")));
                }
                blocks.add(new BlockWeights(BlockWeights.Norms.pre(selfNorm, norm(ff + "layer_norm.weight")), self,
                        mlp(ff + "DenseReluDense.")));
            }
            NDArray bias = param(name + ".block.0.layer.0.SelfAttention.relative_attention_bias.weight", false,
                    c.encoder().relativeBuckets(), c.numHeads());
            return new T5Weights.Stack(blocks, cross, norm(name + ".final_layer_norm.weight"), bias);
        }

        BlockWeights.Attention attention(String p) {
            int d = c.hiddenSize(), inner = c.numHeads() * c.headDim();
            return BlockWeights.Attention.plain(param(p + "q.weight", true, d, inner), param(p + "k.weight", true, d, inner),
                    param(p + "v.weight", true, d, inner), param(p + "o.weight", true, inner, d));
        }

        BlockWeights.Mlp mlp(String p) {
            int d = c.hiddenSize(), f = c.intermediateSize();
            if (c.gatedMlp()) {
                NDArray gate = param(p + "wi_0.weight", true, d, f);
                NDArray up = param(p + "wi_1.weight", true, d, f);
                return BlockWeights.Mlp.gated(gate, up, param(p + "wo.weight", true, f, d));
            }
            NDArray up = param(p + "wi.weight", true, d, f);
            return new BlockWeights.Mlp(null, null, up, null, param(p + "wo.weight", true, f, d), null);
        }
    }
}
