package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * One model's running state for batch 1: the tokens it has seen and their KV cache (and, for an
 * encoder-decoder, the encoded input's cross-attention keys and values).
 * {@link #forward} scores new tokens; {@link #truncate} rolls back rejected ones for free.
 */
public final class ModelSession implements AutoCloseable {

    private final LoadedModel model;
    private final KvCache cache;
    private EncodedInput encoded; // an encoder-decoder's current input, null before encode()
    private int[] tokens = new int[64];
    private int length;

    /**
     * Logits for each new position, and the final hidden state (after the final norm) of the last
     * one when asked; {@code hidden} holds the hidden states of every new position when asked
     * through {@link #forwardAllHidden}, else null.
     */
    public record Scores(float[][] logits, float[] lastHidden, float[][] hidden) {

        /** Scores without per-position hidden states. */
        public Scores(float[][] logits, float[] lastHidden) {
            this(logits, lastHidden, null);
        }
    }

    ModelSession(LoadedModel model, int capacity) {
        this.model = model;
        this.cache = new KvCache(model.config(), model.manager(), capacity);
    }

    /**
     * Runs an encoder-decoder's encoder over {@code input} once and keeps each decoder layer's
     * cross-attention keys and values for the passes that follow; the decoded tokens are forgotten.
     *
     * @throws IllegalArgumentException for a decoder-only model or an empty input
     */
    public void encode(int[] input) {
        T5Weights w = model.seq2seq();
        if (w == null) {
            throw new IllegalArgumentException(model.name() + " is decoder-only: it has no encoder to read a separate"
                    + " input; give the input as the prompt");
        }
        if (input.length == 0) {
            throw new IllegalArgumentException(model.name() + " is an encoder-decoder: its input is empty; type some"
                    + " text for the encoder to read");
        }
        if (encoded != null) {
            encoded.close();
            encoded = null;
        }
        encoded = EncodedInput.of(w, input);
        length = 0;
    }

    /** The input the encoder read last (empty before {@link #encode} or for a decoder-only model). */
    public int[] encoderInput() {
        return encoded == null ? new int[0] : encoded.input();
    }

    /** One pass of the model over new tokens at position {@link #length} (a chain, or {@code tree}). */
    private Decoder.Output pass(NDArray input, Decoder.Tree tree) {
        NDArray hidden = hiddenPass(input, tree);
        T5Weights t5 = model.seq2seq();
        return new Decoder.Output(hidden,
                t5 == null ? Decoder.logits(model.weights(), hidden) : T5Forward.logits(t5, hidden));
    }

    /** The final hidden states of new tokens at position {@link #length}, without the LM head. */
    private NDArray hiddenPass(NDArray input, Decoder.Tree tree) {
        T5Weights t5 = model.seq2seq();
        if (t5 == null) {
            return Decoder.hiddenStates(model.weights(), input, length, cache, tree);
        }
        if (encoded == null) {
            throw new IllegalStateException(model.name() + " is an encoder-decoder: encode its input first");
        }
        return T5Forward.decodeHidden(t5, input, length, cache, tree, encoded.keysValues(), null);
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
        return run(newTokens, wantHidden, false, Double.NaN);
    }

    /**
     * Appends {@code newTokens} and returns, per new token (in {@link Scores#logits()}), softmax(logits / temperature) computed by
     * the engine (vectorised; far cheaper than a Java loop over the vocabulary), or the raw logits
     * when {@code temperature} is NaN.
     */
    public Scores forward(int[] newTokens, boolean wantHidden, double temperature) {
        return run(newTokens, wantHidden, false, temperature);
    }

    /**
     * As {@link #forward(int[], boolean, double)}, also returning the final hidden state of every
     * new position (what an MLP speculator is conditioned on) in {@link Scores#hidden()}.
     */
    public Scores forwardAllHidden(int[] newTokens, double temperature) {
        return run(newTokens, true, true, temperature);
    }

    /** Raw logits and the final hidden state of every new position. */
    public Scores forwardAllHidden(int[] newTokens) {
        return run(newTokens, true, true, Double.NaN);
    }

    /**
     * Appends {@code newTokens} without computing their logits — a prefill whose scores nobody
     * reads skips the LM head (for a 150k vocabulary most of a short prompt's cost) and the copy of
     * its rows to Java. Returns the last new position's final hidden state when {@code wantLastHidden}, else null.
     */
    public float[] feed(int[] newTokens, boolean wantLastHidden) {
        checkRoom(newTokens);
        try (NDManager step = model.manager().newSubManager()) {
            NDArray hidden = hiddenPass(inputIds(step, newTokens), null);
            float[] last = wantLastHidden ? hidden.get("0, -1, :").toFloatArray() : null;
            if (last == null) {
                // reading one value waits for the device: on a GPU a prefill timer would otherwise stop
                // while its kernels are still queued, and their time would be charged to the first step
                hidden.get("0, -1, 0").getFloat();
            }
            append(newTokens);
            return last;
        }
    }

    private void checkRoom(int[] newTokens) {
        if (newTokens.length == 0) {
            throw new IllegalArgumentException("forward needs at least one token");
        }
        if (length + newTokens.length > cache.capacity()) {
            throw new ContextLengthException(model.name(), length + newTokens.length, cache.capacity());
        }
    }

    /**
     * {@code tokens} as int64 ids [1, T] in {@code step}: every op in Decoder takes a step-managed array
     * first, so all temporaries land in `step`; weights and cache live in capped managers, which
     * turns a slip into an error.
     */
    private static NDArray inputIds(NDManager step, int[] tokens) {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens[i];
        }
        return step.create(ids, new Shape(1, ids.length));
    }

    private Scores run(int[] newTokens, boolean wantHidden, boolean allHidden, double temperature) {
        checkRoom(newTokens);
        try (NDManager step = model.manager().newSubManager()) {
            NDArray input = inputIds(step, newTokens);
            Decoder.Output out = pass(input, null);
            NDArray scores = Double.isNaN(temperature) ? out.logits() : out.logits().div(temperature).softmax(-1);
            float[] flat = scores.toFloatArray();
            int v = model.config().vocabSize();
            float[][] logits = new float[newTokens.length][];
            for (int i = 0; i < newTokens.length; i++) {
                logits[i] = Arrays.copyOfRange(flat, i * v, (i + 1) * v);
            }
            float[] hidden = null;
            float[][] rows = null;
            if (allHidden) {
                float[] all = out.hidden().toFloatArray(); // [1, T, D]
                int d = model.config().hiddenSize();
                rows = new float[newTokens.length][];
                for (int i = 0; i < newTokens.length; i++) {
                    rows[i] = Arrays.copyOfRange(all, i * d, (i + 1) * d);
                }
                hidden = rows[rows.length - 1];
            } else if (wantHidden) {
                hidden = out.hidden().get("0, -1, :").toFloatArray();
            }
            append(newTokens);
            return new Scores(logits, hidden, rows);
        }
    }

    /**
     * Scores a tree of new tokens in one pass and keeps only its leading chain: tokens
     * 0..commit−1 must form a chain continuing the cached sequence (parent i−1, the first −1)
     * and are appended; the rest (candidates hanging off that chain) are scored but forgotten.
     * Returns logits and final hidden states of every token.
     *
     * @param parent index of each token's parent among {@code tokens}, or −1 for the first
     */
    public Scores forwardTree(int[] tokens, int[] parent, int commit) {
        return forwardTree(tokens, parent, commit, Double.NaN);
    }

    /** As {@link #forwardTree(int[], int[], int)}, with rows softmaxed at {@code temperature} by the engine (NaN: raw logits). */
    public Scores forwardTree(int[] tokens, int[] parent, int commit, double temperature) {
        if (tokens.length == 0 || parent.length != tokens.length || commit < 0 || commit > tokens.length) {
            throw new IllegalArgumentException("a tree pass needs tokens, one parent each and 0 <= commit <= tokens");
        }
        for (int i = 0; i < commit; i++) {
            if (parent[i] != i - 1) {
                throw new IllegalArgumentException("the first " + commit + " tree tokens must form a chain");
            }
        }
        checkRoom(tokens);
        try (NDManager step = model.manager().newSubManager()) {
            Decoder.Output out = pass(inputIds(step, tokens), new Decoder.Tree(parent));
            NDArray scores = Double.isNaN(temperature) ? out.logits() : out.logits().div(temperature).softmax(-1);
            float[] flat = scores.toFloatArray();
            float[] all = out.hidden().toFloatArray();
            int v = model.config().vocabSize();
            int d = model.config().hiddenSize();
            float[][] logits = new float[tokens.length][];
            float[][] hidden = new float[tokens.length][];
            for (int i = 0; i < tokens.length; i++) {
                logits[i] = Arrays.copyOfRange(flat, i * v, (i + 1) * v);
                hidden[i] = Arrays.copyOfRange(all, i * d, (i + 1) * d);
            }
            append(Arrays.copyOf(tokens, commit));
            return new Scores(logits, hidden[tokens.length - 1], hidden);
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
        if (encoded != null) {
            encoded.close();
        }
    }
}
