package io.cascadelab.train;

import io.cascadelab.model.TextTokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A tokenised text corpus split into training and held-out validation tokens. The split is by
 * blocks of lines (every {@code validationEvery}-th block is held out), so it is deterministic
 * and the validation text is never seen in training.
 */
public record TokenCorpus(int[] train, int[] validation) {

    /** Lines per split block. */
    public static final int BLOCK_LINES = 100;

    /** Reads and tokenises {@code file}; separate documents are joined by newlines. */
    public static TokenCorpus load(Path file, TextTokenizer tok, int validationEvery) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder tr = new StringBuilder();
        StringBuilder va = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            boolean held = validationEvery > 0 && (i / BLOCK_LINES) % validationEvery == validationEvery - 1;
            (held ? va : tr).append(lines.get(i)).append('\n');
        }
        return new TokenCorpus(encodeChunked(tok, tr.toString()), encodeChunked(tok, va.toString()));
    }

    /**
     * Refuses, before any training, a corpus whose splits cannot give one window of {@code seqLen}
     * tokens, naming the split and what to do.
     *
     * @param validationEvery the hold-out setting the corpus was loaded with (for the message)
     */
    public void requireWindows(Path file, int seqLen, int validationEvery) {
        if (train.length < seqLen + 2) {
            throw new IllegalArgumentException(file + ": the training split holds " + train.length + " tokens, fewer"
                    + " than one sequence of " + (seqLen + 2) + "; use a larger corpus or a smaller --seq");
        }
        if (validation.length < seqLen + 2) {
            throw new IllegalArgumentException(file + ": the validation split (every " + validationEvery
                    + "-th block of " + BLOCK_LINES + " lines) holds " + validation.length + " tokens, fewer than one"
                    + " sequence of " + (seqLen + 2) + "; use a corpus of at least " + validationEvery * BLOCK_LINES
                    + " lines, a smaller --validation-every, or a smaller --seq");
        }
    }

    /** Tokenises long text in line-aligned chunks (the native tokenizer is fast but memory-hungry). */
    static int[] encodeChunked(TextTokenizer tok, String text) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        int pos = 0;
        while (pos < text.length()) {
            int end = Math.min(text.length(), pos + 200_000);
            int nl = text.lastIndexOf('\n', end - 1);
            if (end < text.length() && nl > pos) {
                end = nl + 1;
            }
            int[] ids = tok.encode(text.substring(pos, end), false);
            parts.add(ids);
            total += ids.length;
            pos = end;
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Random windows of seqLen+1 tokens (inputs and shifted targets), drawn with {@code rng}. */
    public static long[][] sample(int[] tokens, int batch, int seqLen, Random rng) {
        if (tokens.length < seqLen + 2) {
            throw new IllegalArgumentException("corpus of " + tokens.length + " tokens is shorter than one window of "
                    + (seqLen + 1));
        }
        long[] in = new long[batch * seqLen];
        long[] out = new long[batch * seqLen];
        for (int b = 0; b < batch; b++) {
            int start = rng.nextInt(tokens.length - seqLen - 1);
            for (int i = 0; i < seqLen; i++) {
                in[b * seqLen + i] = tokens[start + i];
                out[b * seqLen + i] = tokens[start + i + 1];
            }
        }
        return new long[][] {in, out};
    }
}
