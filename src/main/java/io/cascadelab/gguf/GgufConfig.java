package io.cascadelab.gguf;

import io.cascadelab.model.Architecture;
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
 * {@code .attention.head_count(_kv)}, {@code .rope.freq_base}, …) as the runtime's
 * {@link ModelConfig}. Architectures not mapped yet are refused by name; keys of the
 * architecture that are not read are listed in {@link ModelConfig#unreadKeys()}.
 */
final class GgufConfig {

    private GgufConfig() {
    }

    static ModelConfig read(GgufFile f) {
        Map<String, Object> m = f.metadata();
        String arch = String.valueOf(m.get("general.architecture"));
        Architecture family = switch (arch) {
            case "llama" -> Architecture.LLAMA;
            case "qwen2" -> Architecture.QWEN2;
            case "qwen3" -> Architecture.QWEN3;
            default -> throw new ModelLoadException(f.path() + ": GGUF architecture '" + arch + "' is not supported"
                    + " yet (CascadeLab reads llama, qwen2 and qwen3 GGUF files; other families load from safetensors"
                    + " folders)");
        };
        Keys k = new Keys(f, arch + ".");
        int hidden = k.positive("embedding_length");
        int heads = k.positive("attention.head_count");
        int kvHeads = k.integer("attention.head_count_kv", heads);
        int headDim = k.integer("attention.key_length", hidden / heads);
        if (k.integer("attention.value_length", headDim) != headDim) {
            throw new ModelLoadException(f.path() + ": " + arch + ".attention.value_length differs from key_length;"
                    + " CascadeLab's attention needs them equal");
        }
        int layers = k.positive("block_count");
        GgufTensor embedding = f.tensor("token_embd.weight");
        if (embedding == null) {
            throw new ModelLoadException(f.path() + ": no token_embd.weight tensor: not a language model");
        }
        int vocab = k.integer("vocab_size", (int) embedding.dims()[1]);
        int rot = k.integer("rope.dimension_count", headDim);
        if (rot != headDim) {
            throw refuse(f, arch + ".rope.dimension_count", rot, arch + " rotates every channel of a head (" + headDim + ")");
        }
        ModelConfig.Builder b = ModelConfig.builder(family)
                .shape(vocab, hidden, layers, heads, kvHeads, headDim, k.positive("feed_forward_length"))
                .maxPositions(k.positive("context_length"))
                .norm(ModelConfig.NormKind.RMS, k.dbl("attention.layer_norm_rms_epsilon", 1e-5))
                .rotary(rot, List.of(new ModelConfig.RopeSpec(k.dbl("rope.freq_base", 10000), scaling(f, k, arch))))
                .tieWordEmbeddings(f.tensor("output.weight") == null)
                .biases(family == Architecture.QWEN2 ? new ModelConfig.Biases(true, false, false)
                        : ModelConfig.Biases.NONE)
                // Qwen3 normalises each head's queries and keys (attn_q_norm, attn_k_norm)
                .qkNorm(family == Architecture.QWEN3 ? ModelConfig.QkNorm.PER_HEAD : ModelConfig.QkNorm.NONE)
                .specialTokens(intOr(m.get("tokenizer.ggml.bos_token_id"), -1), eos(m))
                .torchDtype("gguf");
        k.touch("general.alignment");
        b.unreadKeys(k.unread());
        return b.build();
    }

    private static RopeScaling scaling(GgufFile f, Keys k, String arch) {
        String type = k.string("rope.scaling.type", "none");
        return switch (type) {
            case "none" -> RopeScaling.NONE;
            case "linear" -> new RopeScaling.Linear(k.dbl("rope.scaling.factor", 1));
            default -> throw refuse(f, arch + ".rope.scaling.type", type, "GGUF rope scaling other than linear is not"
                    + " read yet");
        };
    }

    private static List<Integer> eos(Map<String, Object> m) {
        Object e = m.get("tokenizer.ggml.eos_token_id");
        return e instanceof Long l ? List.of(l.intValue()) : List.of();
    }

    private static int intOr(Object o, int fallback) {
        return o instanceof Long l ? l.intValue() : fallback;
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
