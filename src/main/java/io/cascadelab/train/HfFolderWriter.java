package io.cascadelab.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.SafetensorsWriter;
import io.cascadelab.model.TensorDType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a trained Llama as a Hugging Face model folder that the runtime (and transformers) loads. */
public final class HfFolderWriter {

    private HfFolderWriter() {
    }

    /** config.json, generation_config.json, model.safetensors and a copy of tokenizer.json. */
    public static void write(Path dir, LlamaParameters params, Path tokenizerJson, TensorDType dtype) throws IOException {
        Files.createDirectories(dir);
        ModelConfig c = params.weights().config();
        SafetensorsWriter w = new SafetensorsWriter();
        params.exportTo(w);
        w.write(dir.resolve("model.safetensors"), dtype);
        writeJson(dir.resolve("config.json"), llamaConfig(c, dtype));
        JsonObject gen = new JsonObject();
        gen.addProperty("bos_token_id", c.bosTokenId());
        gen.addProperty("eos_token_id", c.eosTokenIds().get(0));
        gen.addProperty("do_sample", false);
        writeJson(dir.resolve("generation_config.json"), gen);
        copyTokenizer(tokenizerJson, dir);
    }

    /** Copies tokenizer.json into the model folder {@code dir} (unless it is already there). */
    static void copyTokenizer(Path tokenizerJson, Path dir) throws IOException {
        if (!tokenizerJson.toAbsolutePath().equals(dir.resolve("tokenizer.json").toAbsolutePath())) {
            Files.copy(tokenizerJson, dir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static JsonObject llamaConfig(ModelConfig c, TensorDType dtype) {
        JsonObject o = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add("LlamaForCausalLM");
        o.add("architectures", arch);
        o.addProperty("model_type", "llama");
        o.addProperty("vocab_size", c.vocabSize());
        o.addProperty("hidden_size", c.hiddenSize());
        o.addProperty("intermediate_size", c.intermediateSize());
        o.addProperty("num_hidden_layers", c.numLayers());
        o.addProperty("num_attention_heads", c.numHeads());
        o.addProperty("num_key_value_heads", c.numKvHeads());
        o.addProperty("head_dim", c.headDim());
        o.addProperty("max_position_embeddings", c.maxPositions());
        o.addProperty("rms_norm_eps", c.normEps());
        o.addProperty("rope_theta", c.ropeTheta());
        o.addProperty("hidden_act", "silu");
        o.addProperty("tie_word_embeddings", c.tieWordEmbeddings());
        o.addProperty("attention_bias", false);
        o.addProperty("mlp_bias", false);
        o.addProperty("bos_token_id", c.bosTokenId());
        o.addProperty("eos_token_id", c.eosTokenIds().get(0));
        o.addProperty("torch_dtype", dtype == TensorDType.F16 ? "float16" : "float32");
        return o;
    }

    static void writeJson(Path file, JsonObject o) throws IOException {
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(o), StandardCharsets.UTF_8);
    }
}
