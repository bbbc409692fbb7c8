package io.cascadelab.ui.model;

import java.util.List;

/**
 * What the token view shows before the output: the prompt's tokens, which the output continues, or
 * an encoder-decoder's encoder input, captioned as what the encoder read, with the output captioned
 * apart from it.
 *
 * @param caption       the heading above the tokens; null for a prompt the output continues
 * @param outputCaption the heading above the output; null for a prompt the output continues
 */
public record PromptView(List<TokenItem> tokens, String caption, String outputCaption) {

    /** The heading of an encoder-decoder's input. */
    public static final String ENCODER_CAPTION = "Encoder input: the prompt as the encoder read it";
    /** The heading of an encoder-decoder's output. */
    public static final String OUTPUT_CAPTION = "Decoded output: the decoder's own text, after its start token";

    public PromptView {
        tokens = List.copyOf(tokens);
    }

    /** A prompt the output continues. */
    public static PromptView prompt(List<TokenItem> tokens) {
        return new PromptView(tokens, null, null);
    }

    /** An encoder-decoder's encoder input. */
    public static PromptView encoderInput(List<TokenItem> tokens) {
        return new PromptView(tokens, ENCODER_CAPTION, OUTPUT_CAPTION);
    }

    /** True for an encoder input (the output is a text of its own). */
    public boolean encoderDecoder() {
        return caption != null;
    }
}
