package io.cascadelab.decode;

/**
 * What a run decodes from: an input the models read apart from the decoded tokens (an
 * encoder-decoder's encoder input; empty for a decoder-only model) and the start of the decoded
 * sequence (a decoder-only model's prompt, an encoder-decoder's decoder start token). The engine
 * never assumes the prompt is a prefix of the decoded sequence except through {@link #decoderOnly}.
 *
 * @param encoderInput tokens read by an encoder, once per run (empty: none)
 * @param start        the decoded sequence before the first new token (at least one token)
 */
public record DecodeInput(int[] encoderInput, int[] start) {

    public DecodeInput {
        encoderInput = encoderInput.clone();
        start = start.clone();
    }

    /** A decoder-only run: the prompt starts the decoded sequence. */
    public static DecodeInput decoderOnly(int[] prompt) {
        return new DecodeInput(new int[0], prompt);
    }

    /** True when the models read an input apart from the decoded tokens. */
    public boolean hasEncoderInput() {
        return encoderInput.length > 0;
    }

    @Override
    public int[] encoderInput() {
        return encoderInput.clone();
    }

    @Override
    public int[] start() {
        return start.clone();
    }
}
