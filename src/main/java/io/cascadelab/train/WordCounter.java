package io.cascadelab.train;

import io.cascadelab.model.ByteLevelAlphabet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Counts pre-tokenised words across documents, keeping special tokens out of the statistics. */
final class WordCounter {

    /** A distinct word as byte-level symbols, with how often it occurred. */
    record WordCount(String symbols, long count) {
    }

    private final Pattern specialSplitter;
    private final BooleanSupplier cancelled;
    // Keyed by the raw pre-token: UTF-8 + symbol mapping is then done once per distinct word.
    private final Map<String, long[]> counts = new HashMap<>();

    WordCounter(List<String> specialTokens, BooleanSupplier cancelled) {
        this.cancelled = cancelled;
        if (specialTokens.isEmpty()) {
            specialSplitter = null;
        } else {
            // Longest first so that a special token that prefixes another cannot shadow it.
            specialSplitter = Pattern.compile(specialTokens.stream()
                    .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                    .map(Pattern::quote)
                    .collect(Collectors.joining("|")));
        }
    }

    /**
     * Adds one document. Special tokens in it act as hard boundaries and are not counted,
     * mirroring HF at encode time, where added tokens are cut out before pre-tokenisation.
     */
    void add(CharSequence text) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("tokenizer training cancelled");
        }
        if (specialSplitter == null) {
            addSegment(text);
            return;
        }
        Matcher m = specialSplitter.matcher(text);
        int start = 0;
        while (m.find()) {
            addSegment(text.subSequence(start, m.start()));
            start = m.end();
        }
        addSegment(text.subSequence(start, text.length()));
    }

    private void addSegment(CharSequence segment) {
        Gpt2PreTokenizer.split(segment, word -> counts.computeIfAbsent(word, k -> new long[1])[0]++);
    }

    /**
     * Distinct words in byte-level form, sorted so that training never depends on hash order.
     * Different raw strings can share one UTF-8 form (lone surrogates become '?'), so merge them.
     */
    List<WordCount> words() {
        Map<String, long[]> bySymbols = new HashMap<>(counts.size() * 2);
        counts.forEach((raw, c) -> bySymbols.computeIfAbsent(ByteLevelAlphabet.encode(raw), k -> new long[1])[0] += c[0]);
        List<WordCount> out = new ArrayList<>(bySymbols.size());
        bySymbols.forEach((s, c) -> out.add(new WordCount(s, c[0])));
        out.sort(Comparator.comparing(WordCount::symbols));
        return out;
    }
}
