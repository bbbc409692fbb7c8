package io.cascadelab.ui.model;

import java.util.Arrays;

/**
 * Text of each token in context. Byte-level tokens can be partial UTF-8, so a token's text is the
 * decoded text of a short window ending with it minus the text of the window without it.
 */
public final class TokenTexts {

    private static final int WINDOW = 6;

    private final TokenDecoder decoder;
    private int[] sequence;

    /** Starts after {@code prompt}. */
    public TokenTexts(TokenDecoder decoder, int[] prompt) {
        this.decoder = decoder;
        this.sequence = prompt.clone();
    }

    /** Text of {@code token} if it followed the sequence so far (the sequence is unchanged). */
    public String peek(int token) {
        return textAfter(sequence.length, token);
    }

    /** Text of {@code token}, appended to the sequence. */
    public String append(int token) {
        String text = peek(token);
        sequence = Arrays.copyOf(sequence, sequence.length + 1);
        sequence[sequence.length - 1] = token;
        return text;
    }

    /** Text of the token at {@code index} of the sequence (prompt tokens included). */
    public String at(int index) {
        return textAfter(index, sequence[index]);
    }

    private String textAfter(int end, int token) {
        int from = Math.max(0, end - WINDOW);
        int[] before = Arrays.copyOfRange(sequence, from, end);
        int[] with = Arrays.copyOf(before, before.length + 1);
        with[before.length] = token;
        String a = decoder.decode(before);
        String b = decoder.decode(with);
        return b.startsWith(a) ? b.substring(a.length()) : decoder.decode(new int[] {token});
    }
}
