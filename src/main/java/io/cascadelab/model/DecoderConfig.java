package io.cascadelab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import static io.cascadelab.model.Architecture.GEMMA2;
import static io.cascadelab.model.Architecture.GEMMA3;
import static io.cascadelab.model.Architecture.OLMO2;
import static io.cascadelab.model.Architecture.PHI3;
import static io.cascadelab.model.Architecture.QWEN2;
import static io.cascadelab.model.Architecture.QWEN3;
import static io.cascadelab.model.Architecture.SMOLLM3;

/**
 * config.json of the families with RMSNorm, rotary embeddings and a gated MLP (Llama, Mistral,
 * Qwen2/3, Gemma 2/3, Phi-3, OLMo 2, SmolLM3): one reader, the families' differences spelled
 * out where they occur, following each family's transformers configuration and modeling code.
 */
final class DecoderConfig {

    private DecoderConfig() {
    }

    static ModelConfig.Builder read(Architecture arch, ConfigJson j) {
        int hidden = j.positive("hidden_size");
        int heads = j.positive("num_attention_heads");
        int kvHeads = j.positive("num_key_value_heads", heads);
        int headDim = j.positive("head_dim", arch.defaultHeadDim() > 0 ? arch.defaultHeadDim() : hidden / heads);
        int layers = j.positive("num_hidden_layers");
        int max = j.positive("max_position_embeddings", arch.defaultMaxPositions());
        if (heads % kvHeads != 0) {
            throw new ModelLoadException(j.file() + ": num_attention_heads " + heads
                    + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        boolean gemma = arch == GEMMA2 || arch == GEMMA3;
        if (gemma && j.bool("use_bidirectional_attention", false)) {
            throw j.refuse("use_bidirectional_attention", true, "CascadeLab decodes causally (the bidirectional "
                    + "Gemma variants are encoders)");
        }
        ModelConfig.Builder b = ModelConfig.builder(arch)
                .shape(j.positive("vocab_size"), hidden, layers, heads, kvHeads, headDim,
                        j.positive("intermediate_size"))
                .maxPositions(max)
                .norm(ModelConfig.NormKind.RMS, j.dbl("rms_norm_eps", arch.defaultNormEps()))
                .mlp(activation(arch, j), true)
                .tieWordEmbeddings(j.bool("tie_word_embeddings", arch.defaultTied()))
                .biases(biases(arch, j))
                .layout(switch (arch) {
                    case GEMMA2, GEMMA3 -> ModelConfig.BlockLayout.SANDWICH;
                    case OLMO2 -> ModelConfig.BlockLayout.POST_NORM;
                    default -> ModelConfig.BlockLayout.PRE_NORM;
                })
                .qkNorm(switch (arch) {
                    case QWEN3, GEMMA3 -> ModelConfig.QkNorm.PER_HEAD;
                    case OLMO2 -> ModelConfig.QkNorm.WHOLE;
                    default -> ModelConfig.QkNorm.NONE;
                });
        if (gemma) {
            b.embeddingScale(Math.sqrt(hidden))
                    .attentionScale(1 / Math.sqrt(j.dbl("query_pre_attn_scalar", 256)))
                    .softcaps(j.dbl("attn_logit_softcapping", arch == GEMMA2 ? 50 : 0),
                            j.dbl("final_logit_softcapping", arch == GEMMA2 ? 30 : 0));
        }
        rotaryAndLayers(arch, j, b, headDim, layers, max);
        return b;
    }

    private static ModelConfig.Activation activation(Architecture arch, ConfigJson j) {
        if (arch == GEMMA2 || arch == GEMMA3) {
            j.touch("hidden_act"); // transformers' Gemma MLP reads hidden_activation only
            return ConfigReader.activation(j, "hidden_activation", "gelu_pytorch_tanh");
        }
        return ConfigReader.activation(j, "hidden_act", "silu");
    }

    private static ModelConfig.Biases biases(Architecture arch, ConfigJson j) {
        return switch (arch) {
            case QWEN2 -> {
                if (j.bool("use_mrope", false)) {
                    throw j.refuse("use_mrope", true, "multimodal RoPE belongs to the vision-language Qwen2-VL models");
                }
                yield new ModelConfig.Biases(true, false, false);
            }
            case MISTRAL -> new ModelConfig.Biases(false, false, false);
            case PHI3 -> {
                // transformers' Phi-3 has no biases and does not read these keys; a true one would mean weights it drops
                for (String key : new String[] {"attention_bias", "mlp_bias", "lm_head_bias"}) {
                    if (j.bool(key, false)) {
                        throw j.refuse(key, true, "transformers' Phi-3 has no such biases and would drop them");
                    }
                }
                // Phi-4-mini's remote-code settings that transformers' Phi-3 never reads
                j.touch("full_attn_mod", "interpolate_factor");
                yield new ModelConfig.Biases(false, false, false);
            }
            case LLAMA, SMOLLM3 -> {
                boolean attn = j.bool("attention_bias", false);
                yield new ModelConfig.Biases(attn, attn, j.bool("mlp_bias", false));
            }
            default -> {
                boolean attn = j.bool("attention_bias", false);
                yield new ModelConfig.Biases(attn, attn, false);
            }
        };
    }

    private static void rotaryAndLayers(Architecture arch, ConfigJson j, ModelConfig.Builder b, int headDim,
                                        int layers, int max) {
        List<ModelConfig.RopeSpec> ropes = new ArrayList<>();
        ConfigJson dict = RopeConfig.dict(j, arch == GEMMA3 ? LayerPlan.FULL : null);
        double partial = RopeConfig.partialFactor(j, dict);
        if (partial != 1 && arch != PHI3) {
            throw j.refuse("partial_rotary_factor", partial, arch.modelType() + " rotates every channel of a head");
        }
        int rot = ConfigReader.rotaryDim(j, headDim, partial);
        int original = j.integer("original_max_position_embeddings", max);
        double theta = RopeConfig.theta(j, dict, "rope_theta", arch == GEMMA3 ? 1_000_000 : 10_000);
        ropes.add(new ModelConfig.RopeSpec(theta, RopeConfig.scaling(dict, rot, original, max)));
        if (arch == GEMMA3) {
            // Sliding layers rotate with their own base and no scaling (rope_scaling is for the global layers).
            ConfigJson params = j.child("rope_parameters");
            ConfigJson local = params == null ? null : params.child(LayerPlan.SLIDING);
            double localTheta = RopeConfig.theta(j, local, "rope_local_base_freq", 10_000);
            ropes.add(new ModelConfig.RopeSpec(localTheta, RopeConfig.scaling(local, rot, original, max)));
        }
        b.rotary(rot, ropes);

        int window;
        IntPredicate sliding;
        IntPredicate rope = i -> true;
        switch (arch) {
            case MISTRAL, PHI3 -> {
                window = LayerPlan.window(j, 0);
                sliding = i -> true;
            }
            case QWEN2, QWEN3 -> {
                boolean use = j.bool("use_sliding_window", false);
                int w = LayerPlan.window(j, 4096);
                int from = j.integer("max_window_layers", 28);
                window = use ? w : 0;
                sliding = i -> i >= from;
            }
            case GEMMA2 -> {
                window = LayerPlan.window(j, 4096);
                sliding = i -> (i + 1) % 2 != 0;
            }
            case GEMMA3 -> {
                window = LayerPlan.window(j, 4096);
                // transformers 5 saves the pattern as _sliding_window_pattern beside the layer_types it produced
                int pattern = j.positive("sliding_window_pattern", j.positive("_sliding_window_pattern", 6));
                sliding = i -> (i + 1) % pattern != 0;
            }
            case SMOLLM3 -> {
                rope = noRopeLayers(j, layers);
                boolean use = j.bool("use_sliding_window", false);
                window = use ? LayerPlan.window(j, 0) : 0;
                IntPredicate hasRope = rope;
                sliding = i -> !hasRope.test(i);
                if (!use) {
                    j.touch("sliding_window");
                }
            }
            default -> {
                window = 0;
                sliding = i -> false;
            }
        }
        List<String> types = LayerPlan.types(j, layers, sliding);
        IntPredicate local = arch == GEMMA3 ? i -> types.get(i).equals(LayerPlan.SLIDING) : i -> false;
        b.layers(LayerPlan.specs(types, window, rope, local));
    }

    /** SmolLM3: no_rope_layers[i] = 1 when layer i uses rotary embeddings; else every n-th layer has none. */
    private static IntPredicate noRopeLayers(ConfigJson j, int layers) {
        List<Double> flags = j.numbers("no_rope_layers");
        if (flags != null) {
            j.touch("no_rope_layer_interval"); // superseded by the explicit list
            if (flags.size() != layers) {
                throw j.refuse("no_rope_layers", flags.size() + " entries", "it must have one entry per layer ("
                        + layers + ")");
            }
            return i -> flags.get(i) != 0;
        }
        int interval = j.positive("no_rope_layer_interval", 4);
        return i -> (i + 1) % interval != 0;
    }
}
