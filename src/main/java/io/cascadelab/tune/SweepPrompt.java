package io.cascadelab.tune;

import io.cascadelab.model.TextTokenizer;
import io.cascadelab.util.PromptLibrary;

import java.util.ArrayList;
import java.util.List;

/** A prompt of a sweep: category (its sample-prompts folder), name, text and token ids. */
public record SweepPrompt(String category, String name, String text, int[] ids) {

    public SweepPrompt {
        if (ids.length == 0) {
            throw new IllegalArgumentException("prompt " + category + "/" + name + " is empty: the model needs at least one token");
        }
    }

    /** Tokenises a prompt set with the target's tokenizer. */
    public static List<SweepPrompt> encode(List<PromptLibrary.Prompt> prompts, TextTokenizer tokenizer) {
        List<SweepPrompt> out = new ArrayList<>();
        for (PromptLibrary.Prompt p : prompts) {
            out.add(new SweepPrompt(p.category(), p.name(), p.text(), tokenizer.encode(p.text())));
        }
        return out;
    }
}
