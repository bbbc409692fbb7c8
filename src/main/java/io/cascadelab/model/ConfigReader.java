package io.cascadelab.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads config.json (and generation_config.json when present) into a {@link ModelConfig}. */
public final class ConfigReader {

    private ConfigReader() {
    }

    /** Reads the config of the model folder {@code dir}. */
    public static ModelConfig read(Path dir) {
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("config.json missing in " + dir
                    + ": pick a Hugging Face model folder (config.json, *.safetensors, tokenizer.json)");
        }
        JsonObject c = readJson(file);
        Json j = new Json(c, file);
        List<String> classes = new ArrayList<>();
        if (c.has("architectures") && c.get("architectures").isJsonArray()) {
            c.getAsJsonArray("architectures").forEach(e -> classes.add(e.getAsString()));
        }
        Architecture arch = Architecture.of(j.str("model_type", null), classes, file.toString());
        ModelConfig config = switch (arch) {
            case LLAMA, MISTRAL, QWEN2 -> llamaLike(arch, j);
            case GPT2 -> gpt2(j);
            case GPT_NEOX -> neox(j);
        };
        return withGenerationConfig(config, dir);
    }

    private static ModelConfig llamaLike(Architecture arch, Json j) {
        int hidden = j.integer("hidden_size");
        int heads = j.integer("num_attention_heads");
        int kvHeads = j.integer("num_key_value_heads", heads);
        int headDim = j.integer("head_dim", hidden / heads);
        boolean attnBias = arch == Architecture.QWEN2 || j.bool("attention_bias", false);
        String act = j.str("hidden_act", "silu");
        if (!act.equals("silu") && !act.equals("swish")) {
            throw new ModelLoadException(j.file + ": hidden_act '" + act + "' is not supported for "
                    + arch.modelType() + " (expected silu)");
        }
        if (j.bool("mlp_bias", false)) {
            throw new ModelLoadException(j.file + ": mlp_bias=true is not supported");
        }
        checkHeads(j, heads, kvHeads);
        return new ModelConfig(arch, j.integer("vocab_size"), hidden, j.integer("num_hidden_layers"),
                heads, kvHeads, headDim, j.integer("intermediate_size"),
                j.integer("max_position_embeddings", 2048), ModelConfig.NormKind.RMS,
                j.dbl("rms_norm_eps", 1e-6), ModelConfig.Activation.SILU,
                rotaryDim(j, headDim, 1.0), ropeTheta(j, 10000), ropeScaling(j),
                j.bool("tie_word_embeddings", false), attnBias,
                arch == Architecture.QWEN2 ? false : attnBias, false,
                j.integer("bos_token_id", -1), eosIds(j.obj.get("eos_token_id")), j.str("torch_dtype", j.str("dtype", "float32")));
    }

    private static ModelConfig gpt2(Json j) {
        int hidden = j.integer("n_embd");
        int heads = j.integer("n_head");
        Integer inner = j.optInteger("n_inner");
        return new ModelConfig(Architecture.GPT2, j.integer("vocab_size"), hidden, j.integer("n_layer"),
                heads, heads, hidden / heads, inner == null ? 4 * hidden : inner, j.integer("n_positions", 1024),
                ModelConfig.NormKind.LAYER, j.dbl("layer_norm_epsilon", 1e-5),
                activation(j, j.str("activation_function", "gelu_new")), 0, 0, RopeScaling.NONE,
                true, true, true, false,
                j.integer("bos_token_id", -1), eosIds(j.obj.get("eos_token_id")), j.str("torch_dtype", j.str("dtype", "float32")));
    }

    private static ModelConfig neox(Json j) {
        int hidden = j.integer("hidden_size");
        int heads = j.integer("num_attention_heads");
        int headDim = hidden / heads;
        double pct = j.dbl("rotary_pct", j.dbl("partial_rotary_factor",
                j.nested("rope_parameters", "partial_rotary_factor", 1.0)));
        return new ModelConfig(Architecture.GPT_NEOX, j.integer("vocab_size"), hidden, j.integer("num_hidden_layers"),
                heads, heads, headDim, j.integer("intermediate_size"), j.integer("max_position_embeddings", 2048),
                ModelConfig.NormKind.LAYER, j.dbl("layer_norm_eps", 1e-5), activation(j, j.str("hidden_act", "gelu")),
                rotaryDim(j, headDim, pct), j.dbl("rotary_emb_base", ropeTheta(j, 10000)), ropeScaling(j),
                j.bool("tie_word_embeddings", false), j.bool("attention_bias", true), j.bool("attention_bias", true),
                j.bool("use_parallel_residual", true),
                j.integer("bos_token_id", -1), eosIds(j.obj.get("eos_token_id")), j.str("torch_dtype", j.str("dtype", "float32")));
    }

    private static int rotaryDim(Json j, int headDim, double pct) {
        int dim = (int) (headDim * pct);
        if (dim <= 0 || dim % 2 != 0) {
            throw new ModelLoadException(j.file + ": rotary dimension " + dim + " (head_dim " + headDim
                    + " x " + pct + ") must be a positive even number");
        }
        return dim;
    }

    private static double ropeTheta(Json j, double fallback) {
        return j.dbl("rope_theta", j.nested("rope_parameters", "rope_theta", fallback));
    }

    private static RopeScaling ropeScaling(Json j) {
        JsonElement e = j.obj.get("rope_scaling");
        if (e == null || e.isJsonNull()) {
            e = j.obj.get("rope_parameters");
        }
        if (e == null || e.isJsonNull() || !e.isJsonObject()) {
            return RopeScaling.NONE;
        }
        JsonObject s = e.getAsJsonObject();
        Json sj = new Json(s, j.file);
        String type = sj.str("rope_type", sj.str("type", "default")).toLowerCase(Locale.ROOT);
        return switch (type) {
            case "default" -> RopeScaling.NONE;
            case "linear" -> new RopeScaling("linear", sj.dbl("factor", 1), 1, 1, 0);
            case "llama3" -> new RopeScaling("llama3", sj.dbl("factor", 8), sj.dbl("low_freq_factor", 1),
                    sj.dbl("high_freq_factor", 4), sj.integer("original_max_position_embeddings", 8192));
            default -> throw new ModelLoadException(j.file + ": rope scaling type '" + type
                    + "' is not supported (supported: default, linear, llama3)");
        };
    }

    private static ModelConfig.Activation activation(Json j, String name) {
        return switch (name) {
            case "gelu" -> ModelConfig.Activation.GELU_EXACT;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> ModelConfig.Activation.GELU_TANH;
            case "relu" -> ModelConfig.Activation.RELU;
            default -> throw new ModelLoadException(j.file + ": activation '" + name
                    + "' is not supported (gelu, gelu_new, gelu_pytorch_tanh, relu)");
        };
    }

    private static void checkHeads(Json j, int heads, int kvHeads) {
        if (kvHeads <= 0 || heads % kvHeads != 0) {
            throw new ModelLoadException(j.file + ": num_attention_heads " + heads
                    + " is not a multiple of num_key_value_heads " + kvHeads);
        }
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
        List<Integer> eos = g.has("eos_token_id") ? eosIds(g.get("eos_token_id")) : c.eosTokenIds();
        return new ModelConfig(c.architecture(), c.vocabSize(), c.hiddenSize(), c.numLayers(), c.numHeads(),
                c.numKvHeads(), c.headDim(), c.intermediateSize(), c.maxPositions(), c.norm(), c.normEps(),
                c.activation(), c.rotaryDim(), c.ropeTheta(), c.ropeScaling(), c.tieWordEmbeddings(),
                c.qkvBias(), c.outBias(), c.parallelResidual(), bos, eos, c.torchDtype());
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
            throw new ModelLoadException(file + " is not valid JSON: " + jsonProblem(ex), ex);
        }
    }

    /** Typed access to config fields with messages that name the file and field. */
    private record Json(JsonObject obj, Path file) {

        int integer(String key) {
            Integer v = optInteger(key);
            if (v == null) {
                throw new ModelLoadException(file + ": required field '" + key + "' is missing");
            }
            return v;
        }

        int integer(String key, int fallback) {
            Integer v = optInteger(key);
            return v == null ? fallback : v;
        }

        Integer optInteger(String key) {
            JsonElement e = obj.get(key);
            if (e == null || e.isJsonNull()) {
                return null;
            }
            if (e.isJsonArray()) {
                JsonArray a = e.getAsJsonArray();
                return a.isEmpty() ? null : a.get(0).getAsInt();
            }
            try {
                return e.getAsInt();
            } catch (RuntimeException ex) {
                throw new ModelLoadException(file + ": field '" + key + "' should be an integer, found " + e);
            }
        }

        double dbl(String key, double fallback) {
            JsonElement e = obj.get(key);
            if (e == null || e.isJsonNull()) {
                return fallback;
            }
            try {
                return e.getAsDouble();
            } catch (RuntimeException ex) {
                throw new ModelLoadException(file + ": field '" + key + "' should be a number, found " + e);
            }
        }

        double nested(String parent, String key, double fallback) {
            JsonElement p = obj.get(parent);
            if (p == null || !p.isJsonObject()) {
                return fallback;
            }
            return new Json(p.getAsJsonObject(), file).dbl(key, fallback);
        }

        boolean bool(String key, boolean fallback) {
            JsonElement e = obj.get(key);
            return e == null || e.isJsonNull() ? fallback : e.getAsBoolean();
        }

        String str(String key, String fallback) {
            JsonElement e = obj.get(key);
            return e == null || e.isJsonNull() ? fallback : e.getAsString();
        }
    }

    /** Gson's message without the exception class it wraps and the troubleshooting link. */
    static String jsonProblem(JsonParseException ex) {
        Throwable t = ex.getCause() != null && ex.getCause().getMessage() != null ? ex.getCause() : ex;
        String m = t.getMessage() == null ? "malformed" : t.getMessage();
        int link = m.indexOf("\nSee https://");
        return link >= 0 ? m.substring(0, link).strip() : m.strip();
    }
}
