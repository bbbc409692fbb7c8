package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * T5's forward passes, on the decoder's blocks and attention: the encoder runs once per input
 * (bidirectional, relative position bias), its output gives each decoder layer's cross-attention
 * keys and values once, and the decoder runs per step with its self-attention cache (causal
 * relative bias from the queries' and keys' positions, so tree passes work as for decoder-only
 * models). Results are created in the manager of the input ids.
 */
public final class T5Forward {

    private T5Forward() {
    }

    /** The encoder's output [B, S, D] (after its final norm) for input ids [B, S] (int64). */
    public static NDArray encode(T5Weights w, NDArray ids) {
        return encode(w, ids, null);
    }

    /**
     * As {@link #encode(T5Weights, NDArray)} for a padded batch: {@code padding} [B, 1, 1, S] is
     * added to every score (−∞ at padded input positions, 0 elsewhere), or null when nothing is padded.
     */
    public static NDArray encode(T5Weights w, NDArray ids, NDArray padding) {
        ModelConfig c = w.config();
        int s = (int) ids.getShape().get(1);
        int[] positions = chain(0, s);
        NDArray bias = bias(ids.getManager(), w.encoder().relativeBias(), c, positions, positions, true);
        if (padding != null) {
            bias = bias.add(padding);
        }
        NDArray x = embed(w, ids);
        for (BlockWeights b : w.encoder().blocks()) {
            x = x.add(Decoder.selfAttention(c, b.attention(), Decoder.norm(c, x, b.norms().attnIn()), 0, null, null,
                    0, bias, null, 0));
            x = x.add(Decoder.mlp(c, b.mlp(), Decoder.norm(c, x, b.norms().mlpIn())));
        }
        return Decoder.norm(c, x, w.encoder().finalNorm());
    }

    /** Each decoder layer's cross-attention keys, transposed [B, H, hd, S], and values [B, H, S, hd] over the encoder output [B, S, D]. */
    public static List<NDArray[]> crossKeysValues(T5Weights w, NDArray encoded) {
        ModelConfig c = w.config();
        long batch = encoded.getShape().get(0), s = encoded.getShape().get(1);
        List<NDArray[]> out = new ArrayList<>();
        for (T5Weights.CrossAttention x : w.decoder().cross()) {
            BlockWeights.Attention a = x.attention();
            out.add(new NDArray[] {
                    Decoder.linear(encoded, a.wk(), null).reshape(batch, s, c.numHeads(), c.headDim()).transpose(0, 2, 3, 1),
                    Decoder.linear(encoded, a.wv(), null).reshape(batch, s, c.numHeads(), c.headDim()).transpose(0, 2, 1, 3)});
        }
        return out;
    }

    /**
     * The decoder over {@code ids} [B, T] at positions start.. (or laid out as {@code tree}),
     * attending to the encoder through {@code cross} ({@link #crossKeysValues}).
     *
     * @param cache null for a cache-free pass (training); else read and written as by {@link Decoder}
     */
    public static Decoder.Output decode(T5Weights w, NDArray ids, int start, KvCache cache, Decoder.Tree tree,
                                        List<NDArray[]> cross) {
        return decode(w, ids, start, cache, tree, cross, null);
    }

    /** As above, over a padded encoder batch: {@code padding} as given to {@link #encode(T5Weights, NDArray, NDArray)}. */
    public static Decoder.Output decode(T5Weights w, NDArray ids, int start, KvCache cache, Decoder.Tree tree,
                                        List<NDArray[]> cross, NDArray padding) {
        NDArray hidden = decodeHidden(w, ids, start, cache, tree, cross, padding);
        return new Decoder.Output(hidden, logits(w, hidden));
    }

    /** As {@link #decode}, the decoder's final hidden states [B, T, D] only, without the LM head. */
    public static NDArray decodeHidden(T5Weights w, NDArray ids, int start, KvCache cache, Decoder.Tree tree,
                                       List<NDArray[]> cross, NDArray padding) {
        ModelConfig c = w.config();
        NDManager m = ids.getManager();
        int t = (int) ids.getShape().get(1);
        int[] depth = tree == null ? chain(0, t) : tree.depths();
        int[] queries = new int[t];
        for (int i = 0; i < t; i++) {
            queries[i] = start + depth[i];
        }
        int[] keys = queries;
        if (cache != null) { // the cached prefix, then the new tokens
            keys = new int[start + t];
            System.arraycopy(chain(0, start), 0, keys, 0, start);
            System.arraycopy(queries, 0, keys, start, t);
        }
        AttentionMasks masks = new AttentionMasks(m, start, t, 1, tree, cache != null);
        NDArray additive = bias(m, w.decoder().relativeBias(), c, queries, keys, false);
        NDArray mask = masks.mask(0);
        if (mask != null) {
            additive = additive.add(mask);
        }
        NDArray x = embed(w, ids);
        List<BlockWeights> blocks = w.decoder().blocks();
        for (int layer = 0; layer < blocks.size(); layer++) {
            BlockWeights b = blocks.get(layer);
            x = x.add(Decoder.selfAttention(c, b.attention(), Decoder.norm(c, x, b.norms().attnIn()), start, null,
                    null, masks.firstKey(0), additive, cache, layer));
            T5Weights.CrossAttention ca = w.decoder().cross().get(layer);
            x = x.add(crossAttention(c, ca.attention(), Decoder.norm(c, x, ca.norm()), cross.get(layer), padding));
            x = x.add(Decoder.mlp(c, b.mlp(), Decoder.norm(c, x, b.norms().mlpIn())));
        }
        return Decoder.norm(c, x, w.decoder().finalNorm());
    }

    /** The LM head over decoder hidden states, after original T5's d_model^-0.5 rescale. */
    public static NDArray logits(T5Weights w, NDArray hidden) {
        ModelConfig c = w.config();
        // transformers multiplies by a Python float; torch rounds it to the tensor's float32
        NDArray h = c.encoder().scaleOutputs() ? hidden.mul((float) Math.pow(c.hiddenSize(), -0.5)) : hidden;
        // a tied head is transposed per call (a view) so that training gradients reach the embedding
        NDArray head = w.lmHead() != null ? w.lmHead()
                : w.embedding().get(hidden.getManager(), new NDIndex(":, :")).transpose();
        return Decoder.linear(h, head, null);
    }

    private static NDArray crossAttention(ModelConfig c, BlockWeights.Attention a, NDArray x, NDArray[] kv,
                                          NDArray padding) {
        long batch = x.getShape().get(0), t = x.getShape().get(1);
        NDArray q = Decoder.linear(x, a.wq(), null).reshape(batch, t, c.numHeads(), c.headDim()).transpose(0, 2, 1, 3);
        return Decoder.linear(Decoder.attend(q, kv[0], kv[1], 1, 1, 0, padding), a.wo(), null);
    }

    private static NDArray embed(T5Weights w, NDArray ids) {
        return Decoder.embed(ids, w.embedding());
    }

    /** The relative position bias [1, H, queries, keys] from a stack's table [buckets, H]. */
    private static NDArray bias(NDManager m, NDArray table, ModelConfig c, int[] queries, int[] keys,
                                boolean bidirectional) {
        ModelConfig.Encoder e = c.encoder();
        long[] buckets = new long[queries.length * keys.length];
        for (int i = 0; i < queries.length; i++) {
            for (int j = 0; j < keys.length; j++) {
                buckets[i * keys.length + j] = RelativePositions.bucket(keys[j] - queries[i], bidirectional,
                        e.relativeBuckets(), e.relativeMaxDistance());
            }
        }
        NDArray idx = m.create(buckets, new Shape(queries.length, keys.length));
        return idx.getNDArrayInternal().embedding(idx, table, SparseFormat.DENSE).singletonOrThrow() // [Q,K,H]
                .transpose(2, 0, 1).expandDims(0);
    }

    private static int[] chain(int from, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = from + i;
        }
        return out;
    }
}
