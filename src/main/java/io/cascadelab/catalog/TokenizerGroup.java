package io.cascadelab.catalog;

import java.util.List;

/** Models that share one tokenizer, largest first: any smaller one can draft for a larger one. */
public record TokenizerGroup(String tokenizerKey, int vocabulary, List<LocalModel> models) {

    public TokenizerGroup {
        models = List.copyOf(models);
    }
}
