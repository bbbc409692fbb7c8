package io.cascadelab.doctor;

import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.TextTokenizer;

/**
 * What the doctor knows of one model without loading its weights.
 *
 * @param tokenizer  null when the folder has no tokenizer.json
 * @param padTokenId config.json's pad_token_id (generation_config.json's when it has one), −1 when neither gives one
 */
public record ModelSide(String name, ModelConfig config, TextTokenizer tokenizer, int padTokenId) {

    /** A side whose pad token is unknown. */
    public ModelSide(String name, ModelConfig config, TextTokenizer tokenizer) {
        this(name, config, tokenizer, -1);
    }

    /** True when an encoder reads the input apart from the decoded tokens (T5). */
    public boolean encoderDecoder() {
        return config.encoderDecoder();
    }
}
