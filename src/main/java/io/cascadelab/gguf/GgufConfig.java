package io.cascadelab.gguf;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cascadelab.model.ConfigReader;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.model.RopeScaling;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A GGUF file's architecture metadata ({@code {arch}.block_count}, {@code .embedding_length},
 * {@code .attention.head_count(_kv)}, {@code .rope.freq_base}, …) translated into the config.json
 * the family's Hugging Face model would have, then read by {@link ConfigReader} like any other:
 * the families' rules live in one place. Where llama.cpp applies a rule no key carries (Gemma's
 * attention scale, Gemma 3's layer pattern and local rope base), the translation states it, as
 * docs/GGUF.md records. Architectures not mapped are refused by name; keys of the architecture
 * that are not read are listed in {@link ModelConfig#unreadKeys()}.
 */
final class GgufConfig {

    private GgufConfig() {
    }

    static ModelConfig read(GgufFile f) {
        String arch = String.valueOf(f.metadata().get("general.architecture"));
        Keys k = new Keys(f, arch + ".");
        JsonObject j = switch (arch) {
            case "llama", "qwen2", "qwen3", "gemma2", "gemma3", "phi3" -> decoder(f, k, arch);
            case "gpt2" -> gpt2(f, k);
            case "gptneox" -> neox(f, k);
            default -> throw new ModelLoadException(f.path() + ": GGUF architecture '" + arch + "' is not supported"
                    + " yet (CascadeLab reads llama, qwen2, qwen3, gemma2, gemma3, phi3, gpt2 and gptneox GGUF files;"
                    + " other families load from safetensors folders)");
        };
        Map<String, Object> m = f.metadata();
        putIfLong(j, "bos_token_id", m.get("tokenizer.ggml.bos_token_id"));
        putIfLong(j, "eos_token_id", m.get("tokenizer.ggml.eos_token_id"));
        k.touch("general.alignment");
        ModelConfig c = ConfigReader.fromJson(j, f.path());
        List<String> unread = new ArrayList<>(k.unread());
        for (String key : c.unreadKeys()) {
            unread.add("config." + key); // a translation this class wrote but no reader took: a bug here
        }
        ModelConfig.Builder b = c.toBuilder().torchDtype("gguf").unreadKeys(unread);
        GgufTensor freqs = f.tensor("rope_freqs.weight");
        if (freqs != null) {
            // Llama 3.1+: the converter stores the llama3 scaling as one divisor per rotary frequency
            List<Double> divisors = new ArrayList<>();
            for (float v : f.floats(freqs)) {
                divisors.add((double) v);
            }
            if (divisors.size() != c.rotaryDim() / 2) {
                throw new ModelLoadException(f.path() + ": rope_freqs.weight has " + divisors.size() + " values for "
                        + c.rotaryDim() / 2 + " rotary frequencies");
            }
            b.rotary(c.rotaryDim(), List.of(new ModelConfig.RopeSpec(c.ropeTheta(), new RopeScaling.Divisors(divisors))));
        }
        return b.build();
    }

    /** The RMSNorm, rotary, gated-MLP families. */
    private static JsonObject decoder(GgufFile f, Keys k, String arch) {
        JsonObject j = new JsonObject();
        j.addProperty("model_type", arch.equals("gemma3") ? "gemma3_text" : arch);
        int hidden = k.positive("embedding_length");
        int heads = k.positive("attention.head_count");
        int layers = k.positive("block_count");
        int headDim = headDim(f, k, arch, hidden, heads);
        j.addProperty("hidden_size", hidden);
        j.addProperty("num_hidden_layers", layers);
        j.addProperty("num_attention_heads", heads);
        j.addProperty("num_key_value_heads", k.integer("attention.head_count_kv", heads));
        j.addProperty("head_dim", headDim);
        j.addProperty("intermediate_size", k.positive("feed_forward_length"));
        j.addProperty("max_position_embeddings", k.positive("context_length"));
        j.addProperty("rms_norm_eps", k.dbl("attention.layer_norm_rms_epsilon", 1e-5));
        j.addProperty("vocab_size", vocab(f, k));
        j.addProperty("tie_word_embeddings", f.tensor("output.weight") == null);
        int rot = k.integer("rope.dimension_count", headDim);
        double theta = k.dbl("rope.freq_base", 10000); // llama.cpp's default when the key is absent
        JsonObject rope = rope(f, k, arch, theta);
        if (rot != headDim && !arch.equals("phi3")) { // only Phi-3's rotation may leave channels alone
            throw refuse(f, arch + ".rope.dimension_count", rot, arch + " rotates every channel (" + headDim + ")");
        }
        switch (arch) {
            case "gemma2", "gemma3" -> gemma(f, k, arch, j, hidden, heads, headDim, layers, rope);
            case "phi3" -> {
                int window = k.integer("attention.sliding_window", 0);
                if (window > 0) { // 0: no window (Phi-4)
                    j.addProperty("sliding_window", window);
                }
                int original = k.integer("rope.scaling.original_context_length", k.positive("context_length"));
                j.addProperty("original_max_position_embeddings", original);
                rope.addProperty("partial_rotary_factor", (double) rot / headDim);
                longRope(f, k, rope, original);
                j.add("rope_parameters", rope);
            }
            default -> j.add("rope_parameters", rope);
        }
        return j;
    }

    private static int headDim(GgufFile f, Keys k, String arch, int hidden, int heads) {
        int headDim = k.integer("attention.key_length", hidden / heads);
        if (k.integer("attention.value_length", headDim) != headDim) {
            throw new ModelLoadException(f.path() + ": " + arch + ".attention.value_length differs from key_length;"
                    + " CascadeLab's attention needs them equal");
        }
        return headDim;
    }

    /** rope.freq_base and rope.scaling.* as config.json's rope_parameters. */
    private static JsonObject rope(GgufFile f, Keys k, String arch, double theta) {
        JsonObject rope = new JsonObject();
        String type = k.string("rope.scaling.type", "none");
        rope.addProperty("rope_theta", theta);
        switch (type) {
            case "none" -> rope.addProperty("rope_type", "default");
            case "linear" -> {
                rope.addProperty("rope_type", "linear");
                rope.addProperty("factor", k.dbl("rope.scaling.factor", 1));
            }
            case "yarn" -> {
                rope.addProperty("rope_type", "yarn");
                rope.addProperty("factor", k.dbl("rope.scaling.factor", 1));
                rope.addProperty("original_max_position_embeddings",
                        k.integer("rope.scaling.original_context_length", k.positive("context_length")));
                // llama.cpp's defaults are transformers' (beta_fast 32, beta_slow 1, 0.1·ln(factor) + 1)
                rope.addProperty("beta_fast", k.dbl("rope.scaling.yarn_beta_fast", 32));
                rope.addProperty("beta_slow", k.dbl("rope.scaling.yarn_beta_slow", 1));
            }
            default -> throw refuse(f, arch + ".rope.scaling.type", type, "GGUF rope scaling other than linear and"
                    + " yarn is not read yet");
        }
        return rope;
    }

    /** Phi-3's longrope: the factor lists are tensors, the attention factor a key. */
    private static void longRope(GgufFile f, Keys k, JsonObject rope, int original) {
        GgufTensor longF = f.tensor("rope_factors_long.weight");
        GgufTensor shortF = f.tensor("rope_factors_short.weight");
        if (longF == null && shortF == null) {
            return;
        }
        if (longF == null || shortF == null) {
            throw new ModelLoadException(f.path() + ": only one of rope_factors_long and rope_factors_short is present;"
                    + " longrope needs both");
        }
        rope.addProperty("rope_type", "longrope");
        rope.add("long_factor", floats(f, longF));
        rope.add("short_factor", floats(f, shortF));
        rope.addProperty("original_max_position_embeddings", original);
        Object attn = k.get("rope.scaling.attn_factor");
        if (attn instanceof Number n) {
            rope.addProperty("attention_factor", n.doubleValue());
        }
    }

    private static JsonArray floats(GgufFile f, GgufTensor t) {
        JsonArray a = new JsonArray();
        for (float v : f.floats(t)) {
            a.add(v);
        }
        return a;
    }

    /**
     * Gemma 2/3: the softcaps and sliding window are keys; the attention scale is llama.cpp's rule
     * (1/√head_dim, except the 27B shapes' 1/√(hidden / heads)) unless attention.scale is given;
     * Gemma 3's layers are sliding except every 6th, and its sliding layers rotate with base 10000.
     */
    private static void gemma(GgufFile f, Keys k, String arch, JsonObject j, int hidden, int heads, int headDim,
                              int layers, JsonObject rope) {
        boolean is27b = layers == (arch.equals("gemma2") ? 46 : 62);
        Object scale = k.get("attention.scale");
        double scalar = scale instanceof Number n ? 1 / (n.doubleValue() * n.doubleValue())
                : is27b ? (double) hidden / heads : headDim;
        j.addProperty("query_pre_attn_scalar", scalar);
        j.addProperty("sliding_window", k.integer("attention.sliding_window", 4096));
        j.addProperty("final_logit_softcapping", k.dbl("final_logit_softcapping", arch.equals("gemma2") ? 30 : 0));
        if (arch.equals("gemma2")) {
            j.addProperty("attn_logit_softcapping", k.dbl("attn_logit_softcapping", 50));
            j.add("rope_parameters", rope);
            return;
        }
        JsonObject local = new JsonObject();
        local.addProperty("rope_type", "default");
        local.addProperty("rope_theta", k.dbl("rope.freq_base_swa", 10000));
        JsonObject params = new JsonObject();
        params.add("full_attention", rope);
        params.add("sliding_attention", local);
        j.add("rope_parameters", params);
        Object pattern = k.get("attention.sliding_window_pattern");
        if (pattern instanceof List<?> flags) { // newer files: one flag per layer, true = sliding
            JsonArray types = new JsonArray();
            for (Object flag : flags) {
                types.add(Boolean.TRUE.equals(flag) ? "sliding_attention" : "full_attention");
            }
            j.add("layer_types", types);
        } else {
            j.addProperty("sliding_window_pattern", pattern instanceof Long l ? l.intValue() : 6);
        }
    }

    private static JsonObject gpt2(GgufFile f, Keys k) {
        JsonObject j = new JsonObject();
        j.addProperty("model_type", "gpt2");
        j.addProperty("n_embd", k.positive("embedding_length"));
        j.addProperty("n_head", k.positive("attention.head_count"));
        j.addProperty("n_layer", k.positive("block_count"));
        j.addProperty("n_positions", k.positive("context_length"));
        j.addProperty("n_inner", k.positive("feed_forward_length"));
        j.addProperty("layer_norm_epsilon", k.dbl("attention.layer_norm_epsilon", 1e-5));
        j.addProperty("vocab_size", vocab(f, k));
        return j;
    }

    private static JsonObject neox(GgufFile f, Keys k) {
        JsonObject j = new JsonObject();
        int hidden = k.positive("embedding_length");
        int heads = k.positive("attention.head_count");
        j.addProperty("model_type", "gpt_neox");
        j.addProperty("hidden_size", hidden);
        j.addProperty("num_attention_heads", heads);
        j.addProperty("num_hidden_layers", k.positive("block_count"));
        j.addProperty("intermediate_size", k.positive("feed_forward_length"));
        j.addProperty("max_position_embeddings", k.positive("context_length"));
        j.addProperty("layer_norm_eps", k.dbl("attention.layer_norm_epsilon", 1e-5));
        j.addProperty("rotary_pct", (double) k.integer("rope.dimension_count", hidden / heads) / (hidden / heads));
        j.addProperty("rotary_emb_base", k.dbl("rope.freq_base", 10000));
        j.addProperty("use_parallel_residual", !Boolean.FALSE.equals(k.get("use_parallel_residual")));
        j.addProperty("attention_bias", f.tensor("blk.0.attn_qkv.bias") != null);
        j.addProperty("tie_word_embeddings", f.tensor("output.weight") == null);
        j.addProperty("vocab_size", vocab(f, k));
        return j;
    }

    private static int vocab(GgufFile f, Keys k) {
        GgufTensor embedding = f.tensor("token_embd.weight");
        if (embedding == null) {
            throw new ModelLoadException(f.path() + ": no token_embd.weight tensor: not a language model");
        }
        return k.integer("vocab_size", (int) embedding.dims()[1]);
    }

    private static void putIfLong(JsonObject j, String key, Object v) {
        if (v instanceof Long l) {
            j.addProperty(key, l);
        }
    }

    private static ModelLoadException refuse(GgufFile f, String key, Object value, String why) {
        return new ModelLoadException(f.path() + ": " + key + " = " + value + " is not supported: " + why);
    }

    /** The architecture's keys, each read recorded. */
    private static final class Keys {
        private final GgufFile f;
        private final String prefix;
        private final Set<String> read = new LinkedHashSet<>();

        Keys(GgufFile f, String prefix) {
            this.f = f;
            this.prefix = prefix;
        }

        Object get(String key) {
            read.add(prefix + key);
            return f.metadata().get(prefix + key);
        }

        void touch(String fullKey) {
            read.add(fullKey);
        }

        int integer(String key, int fallback) {
            Object v = get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Long l)) {
                throw refuse(f, prefix + key, v, "it should be an integer");
            }
            return Math.toIntExact(l);
        }

        int positive(String key) {
            int v = integer(key, -1);
            if (v <= 0) {
                throw new ModelLoadException(f.path() + ": " + prefix + key + (get(key) == null ? " is missing"
                        : " is " + v + "; it must be positive"));
            }
            return v;
        }

        double dbl(String key, double fallback) {
            Object v = get(key);
            return v instanceof Number n ? n.doubleValue() : fallback;
        }

        String string(String key, String fallback) {
            Object v = get(key);
            return v == null ? fallback : String.valueOf(v);
        }

        List<String> unread() {
            List<String> out = new ArrayList<>();
            for (String key : f.metadata().keySet()) {
                if (key.startsWith(prefix) && !read.contains(key)) {
                    out.add(key);
                }
            }
            return out;
        }
    }
}
