package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * One model's running state for batch 1: the tokens it has seen and their KV cache.
 * {@link #forward} scores new tokens; {@link #truncate} rolls back rejected ones for free.
 */
public final class ModelSession implements AutoCloseable {

    private final LoadedModel model;
    private final KvCache cache;
    private int[] tokens = new int[64];
    private int length;

    /** Logits for each new position, and the final hidden state of the last one when asked. */
    public record Scores(float[][] logits, float[] lastHidden) {
    }

    ModelSession(LoadedModel model, int capacity) {
        this.model = model;
        this.cache = new KvCache(model.config(), model.weights().manager(), capacity);
    }

    /** The model this session runs. */
    public LoadedModel model() {
        return model;
    }

    /** Number of tokens in the cache. */
    public int length() {
        return length;
    }

    /** The tokens in the cache. */
    public int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    /** Length of the longest common prefix of the cached tokens and {@code seq}. */
    public int commonPrefix(int[] seq) {
        int n = Math.min(length, seq.length);
        int i = 0;
        while (i < n && tokens[i] == seq[i]) {
            i++;
        }
        return i;
    }

    /** Positions this session can hold. */
    public int capacity() {
        return cache.capacity();
    }

    /** Appends {@code newTokens} and returns their logits (one row per new token). */
    public Scores forward(int[] newTokens, boolean wantHidden) {
        return forward(newTokens, wantHidden, Double.NaN);
    }

    /**
     * Appends {@code newTokens} and returns, per new token (in {@link Scores#logits()}), softmax(logits / temperature) computed by
     * the engine (vectorised; far cheaper than a Java loop over the vocabulary), or the raw logits
     * when {@code temperature} is NaN.
     */
    public Scores forward(int[] newTokens, boolean wantHidden, double temperature) {
        if (newTokens.length == 0) {
            throw new IllegalArgumentException("forward needs at least one token");
        }
        if (length + newTokens.length > cache.capacity()) {
            throw new ContextLengthException(model.name(), length + newTokens.length, cache.capacity());
        }
        DecoderWeights w = model.weights();
        try (NDManager step = w.manager().newSubManager()) {
            // Every op in Decoder takes a step-managed array first, so all temporaries land in
            // `step`; weights and cache live in capped managers, which turns a slip into an error.
            long[] ids = new long[newTokens.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = newTokens[i];
            }
            NDArray input = step.create(ids, new Shape(1, ids.length));
            Decoder.Output out = Decoder.forward(w, input, length, cache);
            NDArray rows = Double.isNaN(temperature) ? out.logits() : out.logits().div(temperature).softmax(-1);
            float[] flat = rows.toFloatArray();
            int v = model.config().vocabSize();
            float[][] logits = new float[newTokens.length][];
            for (int i = 0; i < newTokens.length; i++) {
                logits[i] = Arrays.copyOfRange(flat, i * v, (i + 1) * v);
            }
            float[] hidden = null;
            if (wantHidden) {
                hidden = out.hidden().get("0, -1, :").toFloatArray();
            }
            append(newTokens);
            return new Scores(logits, hidden);
        }
    }

    /** Forgets everything after the first {@code newLength} tokens. */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate " + length + " tokens to " + newLength);
        }
        length = newLength;
    }

    private void append(int[] newTokens) {
        if (length + newTokens.length > tokens.length) {
            tokens = Arrays.copyOf(tokens, Math.max(tokens.length * 2, length + newTokens.length));
        }
        System.arraycopy(newTokens, 0, tokens, length, newTokens.length);
        length += newTokens.length;
    }

    @Override
    public void close() {
        cache.close();
    }
}
