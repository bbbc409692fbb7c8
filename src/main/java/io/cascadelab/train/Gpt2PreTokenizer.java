package io.cascadelab.train;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits text into GPT-2 "words" with the same regex the HF ByteLevel pre-tokenizer uses. */
final class Gpt2PreTokenizer {

    /**
     * UNICODE_CHARACTER_CLASS makes {@code \s} match all Unicode white space, as in the Rust regex
     * crate that HF tokenizers uses; without it Java's {@code \s} is ASCII-only and the split points
     * seen in training would differ from those seen at encode time.
     */
    static final Pattern GPT2_PATTERN = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private Gpt2PreTokenizer() {
    }

    /** Feeds each pre-token of {@code text} (in order; they concatenate back to the text) to {@code sink}. */
    static void split(CharSequence text, Consumer<String> sink) {
        Matcher m = GPT2_PATTERN.matcher(text);
        while (m.find()) {
            sink.accept(m.group());
        }
    }
}
