package io.cascadelab.doctor;

import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.TextTokenizer;

/**
 * What the doctor knows of one model without loading its weights.
 *
 * @param tokenizer null when the folder has no tokenizer.json
 */
public record ModelSide(String name, ModelConfig config, TextTokenizer tokenizer) {
}
