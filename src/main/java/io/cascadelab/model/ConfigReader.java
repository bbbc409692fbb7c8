package io.cascadelab.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cascadelab.util.JsonProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads config.json (and generation_config.json when present) into a {@link ModelConfig}.
 * Every key that changes the computation is implemented or refused by name; keys that are
 * neither read nor known to be irrelevant are listed in {@link ModelConfig#unreadKeys()}.
 */
public final class ConfigReader {

    /** Keys that do not change inference: training, dropout, bookkeeping, classification heads. */
    static final Set<String> IRRELEVANT = Set.of(
            "transformers_version", "_name_or_path", "initializer_range", "initializer_factor", "use_cache",
            "attention_dropout", "hidden_dropout", "embd_pdrop", "resid_pdrop", "attn_pdrop", "classifier_dropout",
            "embedding_dropout", "mlp_dropout", "pad_token_id", "summary_type", "summary_use_proj",
            "summary_activation", "summary_proj_to_labels", "summary_first_dropout", "output_attentions",
            "output_hidden_states", "return_dict", "use_return_dict", "torchscript", "tokenizer_class", "auto_map",
            "cache_implementation", "id2label", "label2id", "problem_type", "task_specific_params", "finetuning_task",
            "_attn_implementation_autoset", "use_bfloat16", "unk_token_id", "sep_token_id", "n_ctx",
            "is_decoder",
            // Llama: pretraining_tp only splits the same matmuls into slices.
            "pretraining_tp");

    private ConfigReader() {
    }

    /** Reads the config of the model folder {@code dir}. */
    public static ModelConfig read(Path dir) {
        Path file = dir.resolve("config.json");
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(dir + " is not a folder (it does not exist, or is a file): give a model folder"
                    + " (config.json, *.safetensors, tokenizer.json)");
        }
        if (Files.exists(file) && !Files.isReadable(file)) {
            throw new ModelLoadException(file + " cannot be read: permission denied");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("config.json missing in " + dir
                    + ": pick a Hugging Face model folder (config.json, *.safetensors, tokenizer.json)");
        }
        return withGenerationConfig(fromJson(readJson(file), file), dir);
    }

    /**
     * The config a config.json object describes; {@code source} names it in messages. GGUF metadata
     * comes through here too, translated, so every family's rules live in one place.
     */
    public static ModelConfig fromJson(JsonObject config, Path source) {
        ConfigJson j = new ConfigJson(config, source);
        List<String> classes = j.strings("architectures");
        Architecture arch = Architecture.of(j.str("model_type", null), classes == null ? List.of() : classes,
                source.toString());
        if (j.has("quantization_config")) {
            throw j.refuse("quantization_config", "present", "quantised safetensors checkpoints are not supported;"
                    + " use the unquantised (F32/F16/BF16) folder");
        }
        ModelConfig.Builder b = switch (arch) {
            case GPT2 -> gpt2(j);
            case GPT_NEOX -> neox(j);
            case T5 -> T5Config.read(j);
            default -> DecoderConfig.read(arch, j);
        };
        b.specialTokens(j.integer("bos_token_id", -1), eosIds(j.get("eos_token_id")))
                .torchDtype(j.str("torch_dtype", j.str("dtype", "float32")));
        b.unreadKeys(j.unread(IRRELEVANT));
        return b.build();
    }

    private static ModelConfig.Builder gpt2(ConfigJson j) {
        int hidden = j.positive("n_embd");
        int heads = j.positive("n_head");
        Integer inner = j.optInteger("n_inner");
        if (j.bool("add_cross_attention", false)) {
            throw j.refuse("add_cross_attention", true, "GPT-2 with cross-attention is an encoder-decoder part");
        }
        // In float32 the upcast changes nothing; the reordering only fuses the scale into the matmul.
        j.touch("reorder_and_upcast_attn");
        int layers = j.positive("n_layer");
        return ModelConfig.builder(Architecture.GPT2)
                .shape(j.positive("vocab_size"), hidden, layers, heads, heads, hidden / heads,
                        inner == null ? 4 * hidden : inner)
                .maxPositions(j.positive("n_positions", 1024))
                .norm(ModelConfig.NormKind.LAYER, j.dbl("layer_norm_epsilon", 1e-5))
                .mlp(activation(j, "activation_function", "gelu_new"), false)
                .attentionScale(j.bool("scale_attn_weights", true) ? 1 / Math.sqrt(hidden / heads) : 1)
                .scaleByInverseLayer(j.bool("scale_attn_by_inverse_layer_idx", false))
                .tieWordEmbeddings(j.bool("tie_word_embeddings", true))
                .biases(new ModelConfig.Biases(true, true, true));
    }

    private static ModelConfig.Builder neox(ConfigJson j) {
        int hidden = j.positive("hidden_size");
        int heads = j.positive("num_attention_heads");
        int headDim = hidden / heads;
        ConfigJson dict = RopeConfig.dict(j, null);
        double pct = j.dbl("rotary_pct", RopeConfig.partialFactor(j, dict));
        int rot = rotaryDim(j, headDim, pct);
        int max = j.positive("max_position_embeddings", 2048);
        double theta = j.dbl("rotary_emb_base", RopeConfig.theta(j, dict, "rope_theta", 10000));
        boolean bias = j.bool("attention_bias", true);
        return ModelConfig.builder(Architecture.GPT_NEOX)
                .shape(j.positive("vocab_size"), hidden, j.positive("num_hidden_layers"), heads, heads, headDim,
                        j.positive("intermediate_size"))
                .maxPositions(max)
                .norm(ModelConfig.NormKind.LAYER, j.dbl("layer_norm_eps", 1e-5))
                .mlp(activation(j, "hidden_act", "gelu"), false)
                .rotary(rot, List.of(new ModelConfig.RopeSpec(theta, RopeConfig.scaling(dict, rot, max, max))))
                .layout(j.bool("use_parallel_residual", true) ? ModelConfig.BlockLayout.PARALLEL
                        : ModelConfig.BlockLayout.PRE_NORM)
                .tieWordEmbeddings(j.bool("tie_word_embeddings", false))
                .biases(new ModelConfig.Biases(bias, bias, true));
    }

    static int rotaryDim(ConfigJson j, int headDim, double pct) {
        int dim = (int) (headDim * pct);
        if (dim <= 0 || dim % 2 != 0) {
            throw new ModelLoadException(j.file() + ": rotary dimension " + dim + " (head_dim " + headDim
                    + " x " + pct + ") must be a positive even number");
        }
        return dim;
    }

    static ModelConfig.Activation activation(ConfigJson j, String key, String fallback) {
        return activationNamed(j, key, j.str(key, fallback));
    }

    /** The activation transformers' ACT2FN calls {@code name}; {@code key} names the config value it came from. */
    static ModelConfig.Activation activationNamed(ConfigJson j, String key, String name) {
        return switch (name) {
            case "silu", "swish" -> ModelConfig.Activation.SILU;
            case "gelu" -> ModelConfig.Activation.GELU_EXACT;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> ModelConfig.Activation.GELU_TANH;
            case "relu" -> ModelConfig.Activation.RELU;
            default -> throw j.refuse(key, "'" + name + "'",
                    "supported activations are silu, gelu, gelu_new, gelu_pytorch_tanh, gelu_fast and relu");
        };
    }

    private static List<Integer> eosIds(JsonElement e) {
        List<Integer> ids = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return ids;
        }
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                ids.add(x.getAsInt());
            }
        } else {
            ids.add(e.getAsInt());
        }
        return ids;
    }

    /** generation_config.json, when present, is the authority on BOS/EOS for generation. */
    private static ModelConfig withGenerationConfig(ModelConfig c, Path dir) {
        Path file = dir.resolve("generation_config.json");
        if (!Files.isRegularFile(file)) {
            return c;
        }
        JsonObject g = readJson(file);
        int bos = g.has("bos_token_id") && !g.get("bos_token_id").isJsonNull()
                ? g.get("bos_token_id").getAsInt() : c.bosTokenId();
        List<Integer> eos = g.has("eos_token_id") && !g.get("eos_token_id").isJsonNull()
                ? eosIds(g.get("eos_token_id")) : c.eosTokenIds();
        return c.toBuilder().specialTokens(bos, eos).build();
    }

    static JsonObject readJson(Path file) {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new ModelLoadException(file + ": expected a JSON object");
            }
            return e.getAsJsonObject();
        } catch (IOException ex) {
            throw new ModelLoadException("cannot read " + file + ": " + ex.getMessage(), ex);
        } catch (JsonParseException ex) {
            throw new ModelLoadException(file + " is not valid JSON: " + JsonProblem.of(ex), ex);
        }
    }
}
