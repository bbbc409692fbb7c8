package io.cascadelab.model;

/**
 * config.json of T5, T5 v1.1 and FLAN-T5 (transformers' T5Config): the decoder's shape in
 * {@link ModelConfig}'s terms plus the {@link ModelConfig.Encoder}. Defaults are T5Config's.
 */
final class T5Config {

    private T5Config() {
    }

    static ModelConfig.Builder read(ConfigJson j) {
        if (!j.bool("is_encoder_decoder", true)) {
            throw j.refuse("is_encoder_decoder", false, "a T5 without its decoder is an encoder; CascadeLab decodes"
                    + " with T5ForConditionalGeneration checkpoints");
        }
        int d = j.positive("d_model", 512);
        int heads = j.positive("num_heads", 8);
        int encoderLayers = j.positive("num_layers", 6);
        int decoderLayers = j.positive("num_decoder_layers", encoderLayers);
        int buckets = j.positive("relative_attention_num_buckets", 32);
        int maxDistance = j.positive("relative_attention_max_distance", 128);
        if (buckets < 4) {
            throw j.refuse("relative_attention_num_buckets", buckets, "T5's buckets need at least 4 (half for each"
                    + " direction in the encoder, half of those exact)");
        }
        Integer start = j.optInteger("decoder_start_token_id");
        if (start == null || start < 0) {
            throw new ModelLoadException(j.file() + ": decoder_start_token_id is missing; T5 checkpoints set it"
                    + " (usually 0, the pad token): add \"decoder_start_token_id\": 0 to config.json");
        }
        // transformers 5 turns a saved tie_word_embeddings into scale_decoder_outputs and always ties;
        // checkpoints saved before keep tie_word_embeddings false for v1.1 (own lm_head, no rescale).
        boolean tied = j.bool("tie_word_embeddings", true);
        boolean scale = j.has("scale_decoder_outputs") ? j.bool("scale_decoder_outputs", true) : tied;
        String proj = j.str("feed_forward_proj", "relu");
        String[] parts = proj.split("-");
        if (parts.length > 2 || (parts.length == 2 && !parts[0].equals("gated"))) {
            throw j.refuse("feed_forward_proj", "'" + proj + "'", "T5 accepts '{ACT_FN}' or 'gated-{ACT_FN}',"
                    + " e.g. 'relu' or 'gated-gelu'");
        }
        boolean gated = parts.length == 2;
        // T5Config derives these two from feed_forward_proj, whatever the file says.
        j.touch("dense_act_fn", "is_gated_act");
        String act = proj.equals("gated-gelu") ? "gelu_new" : parts[parts.length - 1];
        // dropout only acts in training; n_positions is nominal (relative positions have no table)
        j.touch("dropout_rate", "output_past", "gradient_checkpointing");
        return ModelConfig.builder(Architecture.T5)
                .shape(j.positive("vocab_size", 32128), d, decoderLayers, heads, heads, j.positive("d_kv", 64),
                        j.positive("d_ff", 2048))
                .maxPositions(j.positive("n_positions", Architecture.T5.defaultMaxPositions()))
                .norm(ModelConfig.NormKind.RMS, j.dbl("layer_norm_epsilon", 1e-6))
                .mlp(ConfigReader.activationNamed(j, "feed_forward_proj", act), gated)
                .attentionScale(1) // T5 folds the 1/sqrt(d_kv) into its initialisation
                .tieWordEmbeddings(tied)
                .encoder(new ModelConfig.Encoder(encoderLayers, buckets, maxDistance, start, scale));
    }
}
