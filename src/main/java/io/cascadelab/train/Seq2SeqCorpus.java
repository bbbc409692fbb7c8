package io.cascadelab.train;

import io.cascadelab.model.TextTokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Input/output pairs for an encoder-decoder, from a text of one passage per line: each line is an
 * input and the line after it the output (a verse and the next verse), split into training and
 * validation pairs by blocks of lines as {@link TokenCorpus} does, so no pair straddles the split.
 */
public record Seq2SeqCorpus(List<Pair> train, List<Pair> validation) {

    /** One example: the encoder's input ids and the decoder's target ids (ending with EOS). */
    public record Pair(int[] input, int[] target) {
    }

    /** A padded batch: ids [B, S] and [B, T], padding [B, 1, 1, S], targets [B, T, 1] and their weights [B, T]. */
    public record Batch(long[] input, float[] padding, long[] decoderInput, long[] target, float[] weight,
                        int batch, int inputLength, int targetLength, long tokens) {
    }

    /**
     * Reads {@code file}: the input is encoded as the app encodes a prompt, the target without
     * special tokens and with {@code eos} appended; pairs longer than {@code maxLength} either side are left out.
     */
    public static Seq2SeqCorpus load(Path file, TextTokenizer tok, int validationEvery, int eos, int maxLength)
            throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Pair> train = new ArrayList<>();
        List<Pair> validation = new ArrayList<>();
        int[] previous = null;
        int previousBlock = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int block = i / TokenCorpus.BLOCK_LINES;
            boolean held = validationEvery > 0 && block % validationEvery == validationEvery - 1;
            int[] ids = line.isEmpty() ? null : tok.encode(line);
            boolean sameSplit = previousBlock >= 0 && isHeld(previousBlock, validationEvery) == held;
            if (previous != null && ids != null && sameSplit) {
                int[] plain = tok.encode(line, false);
                int[] target = Arrays.copyOf(plain, plain.length + 1);
                target[plain.length] = eos;
                if (previous.length <= maxLength && target.length <= maxLength) {
                    (held ? validation : train).add(new Pair(previous, target));
                }
            }
            previous = ids;
            previousBlock = block;
        }
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + train.size() + " training and " + validation.size()
                    + " validation pairs; a seq2seq corpus needs consecutive non-empty lines in both splits (every "
                    + validationEvery + "-th block of " + TokenCorpus.BLOCK_LINES + " lines is held out)");
        }
        return new Seq2SeqCorpus(List.copyOf(train), List.copyOf(validation));
    }

    private static boolean isHeld(int block, int validationEvery) {
        return validationEvery > 0 && block % validationEvery == validationEvery - 1;
    }

    /** {@code batch} pairs drawn with {@code rng}, padded; the decoder reads {@code start} then the target shifted right. */
    public static Batch sample(List<Pair> pairs, int batch, Random rng, int start) {
        List<Pair> picked = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            picked.add(pairs.get(rng.nextInt(pairs.size())));
        }
        return batch(picked, start);
    }

    /** {@code picked} as one padded batch. */
    public static Batch batch(List<Pair> picked, int start) {
        int batch = picked.size();
        int s = 1, t = 1;
        for (Pair p : picked) {
            s = Math.max(s, p.input().length);
            t = Math.max(t, p.target().length);
        }
        long[] input = new long[batch * s];
        float[] padding = new float[batch * s];
        long[] decoderInput = new long[batch * t];
        long[] target = new long[batch * t];
        float[] weight = new float[batch * t];
        long tokens = 0;
        for (int b = 0; b < batch; b++) {
            Pair p = picked.get(b);
            for (int i = 0; i < s; i++) {
                boolean real = i < p.input().length;
                input[b * s + i] = real ? p.input()[i] : start;
                padding[b * s + i] = real ? 0 : -1e9f; // finite: a padded key gets no weight, no NaN
            }
            for (int i = 0; i < t; i++) {
                boolean real = i < p.target().length;
                decoderInput[b * t + i] = i == 0 ? start : real ? p.target()[i - 1] : start;
                target[b * t + i] = real ? p.target()[i] : 0;
                weight[b * t + i] = real ? 1 : 0;
            }
            tokens += p.input().length + p.target().length;
        }
        return new Batch(input, padding, decoderInput, target, weight, batch, s, t, tokens);
    }
}
