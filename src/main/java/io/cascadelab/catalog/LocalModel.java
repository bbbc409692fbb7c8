package io.cascadelab.catalog;

import java.nio.file.Path;

/**
 * A model found on this computer.
 *
 * @param id           the hub id ("Qwen/Qwen3-0.6B") or the folder name
 * @param folder       the folder to load (a hub cache snapshot is resolved)
 * @param modelType    config.json's model_type ("?" when unreadable)
 * @param dtype        the weights' dtype as config.json states it
 * @param weightBytes  size of the weight files
 * @param tokenizerKey digest of the tokenizer's vocabulary, merges and added tokens (null without tokenizer.json)
 * @param vocabulary   number of token ids of the tokenizer (0 without one)
 * @param problem      why CascadeLab cannot load it, or null when it can
 */
public record LocalModel(String id, Path folder, String modelType, String dtype, long weightBytes,
                         String tokenizerKey, int vocabulary, String problem) {

    /** True when CascadeLab can load it. */
    public boolean loadable() {
        return problem == null;
    }
}
