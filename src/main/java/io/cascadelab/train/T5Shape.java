package io.cascadelab.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cascadelab.model.ConfigReader;
import io.cascadelab.model.ModelConfig;

import java.nio.file.Path;

/**
 * The shape of a T5 to train (gated-GELU feed-forward as T5 v1.1, tied head rescaled as original
 * T5): what a user picks on the command line. Its config.json is what the runtime reads back.
 *
 * @param eos   the end-of-sequence token, which also starts the decoded sequence
 */
public record T5Shape(int vocabSize, int dModel, int heads, int dKv, int dFf, int encoderLayers, int decoderLayers,
                      int buckets, int maxDistance, int context, int eos) {

    /** The config.json of this shape, in transformers' T5Config keys. */
    public JsonObject toJson(String torchDtype) {
        JsonObject o = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add("T5ForConditionalGeneration");
        o.add("architectures", arch);
        o.addProperty("model_type", "t5");
        o.addProperty("is_encoder_decoder", true);
        o.addProperty("vocab_size", vocabSize);
        o.addProperty("d_model", dModel);
        o.addProperty("d_kv", dKv);
        o.addProperty("d_ff", dFf);
        o.addProperty("num_heads", heads);
        o.addProperty("num_layers", encoderLayers);
        o.addProperty("num_decoder_layers", decoderLayers);
        o.addProperty("relative_attention_num_buckets", buckets);
        o.addProperty("relative_attention_max_distance", maxDistance);
        o.addProperty("feed_forward_proj", "gated-gelu");
        o.addProperty("layer_norm_epsilon", 1e-6);
        o.addProperty("tie_word_embeddings", true);
        o.addProperty("n_positions", context);
        o.addProperty("dropout_rate", 0.0);
        o.addProperty("decoder_start_token_id", eos);
        o.addProperty("pad_token_id", eos);
        o.addProperty("eos_token_id", eos);
        o.addProperty("torch_dtype", torchDtype);
        return o;
    }

    /** The runtime configuration of this shape (through the config reader, as a load would see it). */
    public ModelConfig toConfig() {
        return ConfigReader.fromJson(toJson("float32"), Path.of("t5 shape"));
    }

    /** Parses "d_model=256,heads=4,d_kv=64,d_ff=768,encoder_layers=4,decoder_layers=4,context=512". */
    public static T5Shape parse(String spec, int vocabSize, int eos) {
        int d = 256, heads = 4, dKv = -1, dFf = -1, enc = 4, dec = 4, buckets = 32, maxDistance = 128, context = 512;
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("bad shape entry '" + part + "': expected key=value");
            }
            int v = Integer.parseInt(kv[1].trim());
            switch (kv[0].trim()) {
                case "d_model" -> d = v;
                case "heads" -> heads = v;
                case "d_kv" -> dKv = v;
                case "d_ff" -> dFf = v;
                case "encoder_layers" -> enc = v;
                case "decoder_layers" -> dec = v;
                case "buckets" -> buckets = v;
                case "max_distance" -> maxDistance = v;
                case "context" -> context = v;
                default -> throw new IllegalArgumentException("unknown shape key '" + kv[0].trim() + "' (d_model,"
                        + " heads, d_kv, d_ff, encoder_layers, decoder_layers, buckets, max_distance, context)");
            }
        }
        return new T5Shape(vocabSize, d, heads, dKv < 0 ? d / heads : dKv, dFf < 0 ? 2 * d : dFf, enc, dec, buckets,
                maxDistance, context, eos);
    }
}
