package io.cascadelab.sim;

import io.cascadelab.trace.TokenTable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's stand-in for text: a small vocabulary of words, and the token the stand-in target
 * picks after any context (a hash of the last tokens, so it is fixed however often it is asked).
 */
public final class SyntheticLanguage {

    private static final String[] WORDS = {
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on",
        "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had", "they", "you",
        "were", "there", "one", "all", "we", "can", "her", "has", "their", "been", "if", "more", "when", "will",
        "would", "who", "so", "no", "light", "river", "stone", "bread", "house", "field", "king", "city", "day",
        "night", "word", "land", "water", "tree", "sea"};

    /** How many tokens of context decide the target's next token. */
    private static final int CONTEXT = 3;

    private final long seed;

    public SyntheticLanguage(long seed) {
        this.seed = seed;
    }

    /** Number of token ids. */
    public int vocabSize() {
        return WORDS.length;
    }

    /** The target's token after the first {@code length} tokens of {@code sequence}. */
    public int next(int[] sequence, int length) {
        long h = seed * 0x9E3779B97F4A7C15L + length;
        for (int i = Math.max(0, length - CONTEXT); i < length; i++) {
            h = mix(h ^ (sequence[i] + 1L) * 0xBF58476D1CE4E5B9L);
        }
        return (int) Math.floorMod(mix(h), (long) WORDS.length);
    }

    /** A short prompt of synthetic words. */
    public int[] prompt() {
        return new int[] {0, 54, 1, 0, 55};
    }

    /** The words as a token table, so traces of simulations replay with words. */
    public TokenTable tokens() {
        Map<Integer, String> texts = new LinkedHashMap<>();
        for (int i = 0; i < WORDS.length; i++) {
            texts.put(i, " " + WORDS[i]);
        }
        return new TokenTable(false, texts);
    }

    // SplitMix64's finaliser: every input bit affects every output bit
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
