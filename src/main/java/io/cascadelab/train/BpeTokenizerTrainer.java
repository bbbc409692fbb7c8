package io.cascadelab.train;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Trains a GPT-2-style byte-level BPE tokenizer whose {@code tokenizer.json} loads in Hugging Face
 * tokenizers (and so DJL's {@code HuggingFaceTokenizer}) and round-trips any UTF-8 text.
 *
 * <p>Ids: 0..255 are the bytes (id = byte value), then learned merges in order, then the special
 * tokens, so {@code <|endoftext|>} gets the last id as in GPT-2. Special tokens count toward
 * {@link Options#vocabSize()}. Merge order: highest pair count first, ties broken by the
 * lexicographically smallest (left, right) token strings as written in tokenizer.json.
 */
public final class BpeTokenizerTrainer {

    /** The GPT-2 document separator, the default special token. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    private static final int CHUNK_CHARS = 1 << 20;

    /** Receives training progress; called on the training thread, once per vocabulary entry added. */
    @FunctionalInterface
    public interface ProgressListener {
        /** {@code done} of {@code total} merges learned; may stop short of total if the corpus runs out. */
        void onProgress(int done, int total);

        /** A listener that ignores progress. */
        static ProgressListener none() {
            return (done, total) -> {
            };
        }
    }

    /**
     * Training options.
     *
     * @param vocabSize     final number of ids, bytes and special tokens included (at least 256 + specials)
     * @param specialTokens added tokens, e.g. {@code <|endoftext|>}; never split, never learned from the corpus
     * @param minFrequency  stop once the best pair occurs fewer times than this (1 = merge to the end)
     * @param progress      progress callback
     * @param cancelled     polled regularly; when true, training throws {@link CancellationException}
     */
    public record Options(int vocabSize, List<String> specialTokens, long minFrequency,
                          ProgressListener progress, BooleanSupplier cancelled) {

        public Options {
            specialTokens = List.copyOf(specialTokens);
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(cancelled, "cancelled");
            if (specialTokens.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("special tokens must not be empty");
            }
            if (new HashSet<>(specialTokens).size() != specialTokens.size()) {
                throw new IllegalArgumentException("duplicate special tokens: " + specialTokens);
            }
            if (vocabSize < 256 + specialTokens.size()) {
                throw new IllegalArgumentException("vocabSize " + vocabSize + " < 256 bytes + "
                        + specialTokens.size() + " special tokens");
            }
            if (minFrequency < 1) {
                throw new IllegalArgumentException("minFrequency must be >= 1");
            }
        }

        /** {@code vocabSize} with {@code <|endoftext|>}, min frequency 2, no progress, never cancelled. */
        public static Options of(int vocabSize) {
            return new Options(vocabSize, List.of(END_OF_TEXT), 2, ProgressListener.none(), () -> false);
        }

        public Options withSpecialTokens(List<String> tokens) {
            return new Options(vocabSize, tokens, minFrequency, progress, cancelled);
        }

        public Options withMinFrequency(long min) {
            return new Options(vocabSize, specialTokens, min, progress, cancelled);
        }

        public Options withProgress(ProgressListener listener) {
            return new Options(vocabSize, specialTokens, minFrequency, listener, cancelled);
        }

        public Options withCancellation(BooleanSupplier isCancelled) {
            return new Options(vocabSize, specialTokens, minFrequency, progress, isCancelled);
        }
    }

    private BpeTokenizerTrainer() {
    }

    /** Trains on documents; merges never cross document boundaries or special tokens. */
    public static BpeModel train(Iterable<? extends CharSequence> texts, Options options) {
        WordCounter counter = new WordCounter(options.specialTokens(), options.cancelled());
        for (CharSequence text : texts) {
            counter.add(text);
        }
        return learn(counter, options);
    }

    /**
     * Trains on a UTF-8 text file (malformed bytes read as U+FFFD). The file is streamed in
     * chunks cut after a newline, so its size is not limited by memory.
     */
    public static BpeModel train(Path corpus, Options options) throws IOException {
        WordCounter counter = new WordCounter(options.specialTokens(), options.cancelled());
        // InputStreamReader replaces malformed input, unlike Files.newBufferedReader which throws.
        try (Reader reader = new InputStreamReader(Files.newInputStream(corpus), StandardCharsets.UTF_8)) {
            forEachChunk(reader, counter::add);
        }
        return learn(counter, options);
    }

    private static BpeModel learn(WordCounter counter, Options options) {
        int learnedSize = options.vocabSize() - options.specialTokens().size();
        MergeLearner.Result result = new MergeLearner(counter.words())
                .learn(learnedSize, options.minFrequency(), options.progress(), options.cancelled());
        List<String> tokens = new ArrayList<>(result.tokens());
        tokens.addAll(options.specialTokens());
        return new BpeModel(tokens, result.merges(), options.specialTokens());
    }

    /**
     * Splits a stream into chunks that end right after a '\n'. The GPT-2 regex treats a newline
     * followed by text identically whether or not the text is in the same chunk, so this only
     * differs from reading the whole file on rare runs of mixed white space around a cut.
     */
    static void forEachChunk(Reader reader, java.util.function.Consumer<CharSequence> sink) throws IOException {
        char[] buf = new char[CHUNK_CHARS];
        int filled = 0;
        while (true) {
            int n = reader.read(buf, filled, buf.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
            if (filled < buf.length) {
                continue;
            }
            int cut = lastIndexOf(buf, filled, '\n') + 1;
            if (cut == 0) {
                // One huge line: cut anywhere except inside a surrogate pair.
                cut = Character.isHighSurrogate(buf[filled - 1]) ? filled - 1 : filled;
            }
            sink.accept(new String(buf, 0, cut));
            System.arraycopy(buf, cut, buf, 0, filled - cut);
            filled -= cut;
        }
        if (filled > 0) {
            sink.accept(new String(buf, 0, filled));
        }
    }

    private static int lastIndexOf(char[] buf, int end, char c) {
        for (int i = end - 1; i >= 0; i--) {
            if (buf[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
