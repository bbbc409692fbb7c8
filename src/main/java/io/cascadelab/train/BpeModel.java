package io.cascadelab.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained byte-level BPE tokenizer: {@code tokens.get(id)} is the token string of {@code id}
 * in GPT-2's byte-level alphabet. Ids 0..255 are the single bytes (id = byte value), then the
 * merged tokens in the order they were learned, then the special tokens (GPT-2 convention:
 * {@code <|endoftext|>} is the last id).
 */
public record BpeModel(List<String> tokens, List<Merge> merges, List<String> specialTokens) {

    /** One merge rule; its rank is its index in {@link #merges()}. */
    public record Merge(String left, String right) {

        public Merge {
            if (left.isEmpty() || right.isEmpty() || left.indexOf(' ') >= 0 || right.indexOf(' ') >= 0) {
                // The "a b" merges format cannot express spaces; byte-level symbols never contain one.
                throw new IllegalArgumentException("bad merge: [" + left + "] [" + right + "]");
            }
        }

        /** The token this merge produces. */
        public String merged() {
            return left + right;
        }
    }

    public BpeModel {
        tokens = List.copyOf(tokens);
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
        if (tokens.size() < 256 + specialTokens.size()) {
            throw new IllegalArgumentException("vocabulary smaller than the byte alphabet plus special tokens");
        }
        if (!tokens.subList(tokens.size() - specialTokens.size(), tokens.size()).equals(specialTokens)) {
            throw new IllegalArgumentException("special tokens must be the last ids");
        }
        // tokenizer.json stores the vocabulary as an object, so a repeated string would lose an id.
        if (new java.util.HashSet<>(tokens).size() != tokens.size()) {
            throw new IllegalArgumentException("token strings must be unique (does a special token clash with a learned one?)");
        }
    }

    /** Total number of ids, special tokens included. */
    public int vocabSize() {
        return tokens.size();
    }

    /** Id of a special token; throws if it is not one of this model's special tokens. */
    public int specialTokenId(String special) {
        int i = specialTokens.indexOf(special);
        if (i < 0) {
            throw new IllegalArgumentException("not a special token: " + special);
        }
        return tokens.size() - specialTokens.size() + i;
    }

    /** The Hugging Face {@code tokenizer.json} text for this model. */
    public String toTokenizerJson() {
        return TokenizerJson.write(this);
    }

    /** Writes {@link #toTokenizerJson()} to {@code file} as UTF-8, creating parent directories. */
    public void writeTokenizerJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toTokenizerJson(), StandardCharsets.UTF_8);
    }

    private Map<String, Integer> tokenIndex() {
        Map<String, Integer> index = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            index.putIfAbsent(tokens.get(i), i);
        }
        return index;
    }
}
