package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;

/**
 * The one decoder forward shared by every family, written as the math reads:
 * embed → [norm → attention (with cache) → residual → norm → MLP → residual] × L → norm → head.
 * Results are created in the manager of the input ids; the same code serves inference
 * (batch 1 with a KV cache) and training (batches, no cache, autograd).
 */
public final class Decoder {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    private Decoder() {
    }

    /** Hidden states after the final norm [B, T, D] and logits [B, T, V]. */
    public record Output(NDArray hidden, NDArray logits) {
    }

    /**
     * A tree of new tokens scored in one pass (candidate verification): token i sees the cached
     * prefix, its ancestors and itself, and sits at position start + depth(i).
     *
     * @param parent index of token i's parent among the new tokens (< i), or −1 when it follows the cached prefix
     */
    public record Tree(int[] parent) {

        public Tree {
            parent = parent.clone();
            for (int i = 0; i < parent.length; i++) {
                if (parent[i] < -1 || parent[i] >= i) {
                    throw new IllegalArgumentException("tree token " + i + " has parent " + parent[i]
                            + "; a parent must come earlier (or be -1)");
                }
            }
        }

        /** Depth of each token (0 for children of the cached prefix). */
        public int[] depths() {
            int[] d = new int[parent.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = parent[i] < 0 ? 0 : d[parent[i]] + 1;
            }
            return d;
        }
    }

    /**
     * Runs the decoder over {@code ids} [B, T] (int64) placed at absolute positions start..start+T-1.
     *
     * @param cache null for a cache-free pass (training); else keys/values of positions before
     *              {@code start} are read from it and the new ones written into it
     */
    public static Output forward(DecoderWeights w, NDArray ids, int start, KvCache cache) {
        return forward(w, ids, start, cache, null);
    }

    /**
     * As {@link #forward(DecoderWeights, NDArray, int, KvCache)}, with the new tokens laid out as a
     * {@code tree} (batch 1) instead of a chain when it is not null: positions follow the tree's
     * depths and attention its ancestry. The cache still stores the tokens in slots start..start+T-1.
     */
    public static Output forward(DecoderWeights w, NDArray ids, int start, KvCache cache, Tree tree) {
        NDArray hidden = hiddenStates(w, ids, start, cache, tree);
        return new Output(hidden, logits(w, hidden));
    }

    /**
     * The final hidden states [B, T, D] (after the final norm) without the LM head, e.g. for a
     * speculator trainer that only reads the frozen target's states.
     */
    public static NDArray hiddenStates(DecoderWeights w, NDArray ids, int start, KvCache cache, Tree tree) {
        ModelConfig c = w.config();
        NDManager m = ids.getManager();
        int t = (int) ids.getShape().get(1);
        NDArray x = embed(ids, w.embedding()); // [B,T,D]
        if (c.embeddingScale() != 1) {
            // HF rounds the scale to the weights' dtype (float32 here) before multiplying.
            x = x.mul((float) c.embeddingScale());
        }
        NDArray treePositions = tree == null ? null : treePositions(m, start, tree);
        if (w.positions() != null) {
            x = x.add(rows(m, w.positions(), start, t, treePositions));
        }
        NDArray[] cos = new NDArray[w.ropes().size()];
        NDArray[] sin = new NDArray[w.ropes().size()];
        for (int r = 0; r < cos.length; r++) {
            cos[r] = rows(m, w.ropes().get(r).cos(), start, t, treePositions); // [T, rot]
            sin[r] = rows(m, w.ropes().get(r).sin(), start, t, treePositions);
        }
        AttentionMasks masks = new AttentionMasks(m, start, t, c.groupSize(), tree, cache != null);
        for (int layer = 0; layer < w.blocks().size(); layer++) {
            BlockWeights b = w.blocks().get(layer);
            ModelConfig.LayerSpec spec = c.layers().get(layer);
            NDArray lc = spec.rope() < 0 ? null : cos[spec.rope()];
            NDArray ls = spec.rope() < 0 ? null : sin[spec.rope()];
            BlockWeights.Norms n = b.norms();
            x = switch (c.layout()) {
                case PRE_NORM -> {
                    NDArray h = x.add(attention(c, b, norm(c, x, n.attnIn()), start, lc, ls, masks, spec, cache, layer));
                    yield h.add(mlp(c, b.mlp(), norm(c, h, n.mlpIn())));
                }
                case PARALLEL -> x.add(attention(c, b, norm(c, x, n.attnIn()), start, lc, ls, masks, spec, cache, layer))
                        .add(mlp(c, b.mlp(), norm(c, x, n.mlpIn())));
                case SANDWICH -> {
                    NDArray h = x.add(norm(c, attention(c, b, norm(c, x, n.attnIn()), start, lc, ls, masks, spec,
                            cache, layer), n.attnOut()));
                    yield h.add(norm(c, mlp(c, b.mlp(), norm(c, h, n.mlpIn())), n.mlpOut()));
                }
                case POST_NORM -> {
                    NDArray h = x.add(norm(c, attention(c, b, x, start, lc, ls, masks, spec, cache, layer), n.attnOut()));
                    yield h.add(norm(c, mlp(c, b.mlp(), h), n.mlpOut()));
                }
            };
        }
        return norm(c, x, w.finalNorm());
    }

    /** The LM head over hidden states [..., D] → logits [..., V], soft-capped when the family says so. */
    public static NDArray logits(DecoderWeights w, NDArray hidden) {
        // A tied head is transposed per call so that training gradients reach the embedding.
        // Taken into the hidden states' manager first: the weights' manager is capped.
        NDArray head = w.lmHead() != null ? w.lmHead()
                : w.embedding().get(hidden.getManager(), new NDIndex(":, :")).transpose();
        return softcap(linear(hidden, head, null), w.config().finalSoftcap());
    }

    static NDArray norm(ModelConfig c, NDArray x, BlockWeights.Norm n) {
        if (c.norm() == ModelConfig.NormKind.LAYER) {
            return x.getNDArrayInternal().layerNorm(x, new Shape(x.getShape().tail()), n.weight(), n.bias(),
                    (float) c.normEps()).singletonOrThrow();
        }
        NDArray rms = x.square().mean(new int[] {-1}, true).add(c.normEps()).sqrt();
        return x.div(rms).mul(n.weight());
    }

    private static NDArray softcap(NDArray x, double cap) {
        return cap > 0 ? x.div(cap).tanh().mul(cap) : x;
    }

    private static NDArray attention(ModelConfig c, BlockWeights block, NDArray x, int start, NDArray cos, NDArray sin,
                                     AttentionMasks masks, ModelConfig.LayerSpec spec, KvCache cache, int layer) {
        return selfAttention(c, block.attention(), x, start, cos, sin, masks.firstKey(spec.window()),
                masks.mask(spec.window()), cache, layer);
    }

    /**
     * Self-attention of the new tokens x [B, T, D] over the cached keys from slot {@code keyFrom}
     * and themselves; {@code additive} (mask, position bias) is added to the scores, or null.
     */
    static NDArray selfAttention(ModelConfig c, BlockWeights.Attention b, NDArray x, int start, NDArray cos,
                                 NDArray sin, int keyFrom, NDArray additive, KvCache cache, int layer) {
        long batch = x.getShape().get(0), t = x.getShape().get(1);
        int h = c.numHeads(), kvh = c.numKvHeads(), hd = c.headDim();
        NDArray q = linear(x, b.wq(), b.bq());
        NDArray k = linear(x, b.wk(), b.bk());
        if (c.qkNorm() == ModelConfig.QkNorm.WHOLE) {
            q = norm(c, q, b.qNorm());
            k = norm(c, k, b.kNorm());
        }
        q = q.reshape(batch, t, h, hd);
        k = k.reshape(batch, t, kvh, hd);
        if (c.qkNorm() == ModelConfig.QkNorm.PER_HEAD) {
            q = norm(c, q, b.qNorm());
            k = norm(c, k, b.kNorm());
        }
        q = q.transpose(0, 2, 1, 3);                                                             // [B,H,T,hd]
        k = k.transpose(0, 2, 1, 3);                                                             // [B,KH,T,hd]
        NDArray v = linear(x, b.wv(), b.bv()).reshape(batch, t, kvh, hd).transpose(0, 2, 1, 3);
        if (cos != null) {
            q = rotate(q, cos, sin, c.rotaryDim(), hd);
            k = rotate(k, cos, sin, c.rotaryDim(), hd);
        }
        if (cache != null) {
            cache.write(layer, k, v, start);
            k = cache.keys(layer, x.getManager(), keyFrom, start + (int) t);    // [1,KH,L,hd]
            v = cache.values(layer, x.getManager(), keyFrom, start + (int) t);
        }
        double scale = c.attentionScale() / (c.scaleByInverseLayer() ? layer + 1 : 1);
        return linear(attend(q, k.transpose(0, 1, 3, 2), v, c.groupSize(), scale, c.attnSoftcap(), additive), b.wo(), b.bo());
    }

    /**
     * softmax(q·kᵀ · scale (soft-capped) + additive) · v for q [B, H, T, hd], kᵀ [B, H/G, hd, L] and
     * v [B, H/G, L, hd], returned as [B, T, H·hd]. {@code additive} is [G·T, L] or broadcastable to
     * [B, H/G, G·T, L]. Keys come transposed so that a long-lived (cross-attention) key needs no op.
     */
    static NDArray attend(NDArray q, NDArray kT, NDArray v, int groups, double scale, double cap, NDArray additive) {
        Shape s = q.getShape();
        long batch = s.get(0), h = s.get(1), t = s.get(2), hd = s.get(3);
        // Grouped-query attention without copying K/V: the G query heads of a KV head share rows.
        NDArray qg = q.reshape(batch, h / groups, groups * t, hd);
        NDArray scores = qg.matMul(kT);                                    // [B,KH,G*T,L]
        if (scale != 1) {
            scores = scores.mul(scale);
        }
        scores = softcap(scores, cap);
        if (additive != null) {
            scores = scores.add(additive);
        }
        return scores.softmax(-1).matMul(v)                                                      // [B,KH,G*T,hd]
                .reshape(batch, h, t, hd).transpose(0, 2, 1, 3).reshape(batch, t, h * hd);
    }

    /** HF rotate_half on the first rotaryDim channels of [B, H, T, hd]. */
    private static NDArray rotate(NDArray x, NDArray cos, NDArray sin, int rot, int hd) {
        NDArray xr = rot == hd ? x : x.get(new NDIndex("..., :{}", rot));
        NDArray x1 = xr.get(new NDIndex("..., :{}", rot / 2));
        NDArray x2 = xr.get(new NDIndex("..., {}:", rot / 2));
        NDArray rotated = NDArrays.concat(new ai.djl.ndarray.NDList(x2.neg(), x1), -1);
        NDArray out = xr.mul(cos).add(rotated.mul(sin));
        return rot == hd ? out : NDArrays.concat(new ai.djl.ndarray.NDList(out, x.get(new NDIndex("..., {}:", rot))), -1);
    }

    static NDArray mlp(ModelConfig c, BlockWeights.Mlp b, NDArray x) {
        NDArray up = linear(x, b.wUp(), b.bUp());
        NDArray h = b.wGate() == null ? activate(c, up) : activate(c, linear(x, b.wGate(), b.bGate())).mul(up);
        return linear(h, b.wDown(), b.bDown());
    }

    private static NDArray activate(ModelConfig c, NDArray h) {
        return switch (c.activation()) {
            case SILU -> h.mul(Activation.sigmoid(h));
            case GELU_EXACT -> Activation.gelu(h);
            case GELU_TANH -> h.mul(h.pow(3).mul(0.044715).add(h).mul(SQRT_2_OVER_PI).tanh().add(1)).mul(0.5);
            case RELU -> Activation.relu(h);
        };
    }

    /**
     * x·w (+ bias). A weight held in a lower {@link ComputeDType} multiplies x rounded to that dtype;
     * the product comes back as float32, so everything around the projections stays float32.
     */
    static NDArray linear(NDArray x, NDArray w, NDArray bias) {
        DataType dt = w.getDataType();
        NDArray y = dt == x.getDataType() ? x.matMul(w) : x.toType(dt, false).matMul(w).toType(x.getDataType(), false);
        return bias == null ? y : y.add(bias);
    }

    /** Rows of an embedding table for {@code ids}, as float32 whatever dtype the table is held in. */
    static NDArray embed(NDArray ids, NDArray table) {
        NDArray x = ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }

    /** Rows start..start+T-1 of a position table, or the tree's rows. */
    private static NDArray rows(NDManager m, NDArray table, int start, int t, NDArray treePositions) {
        if (treePositions == null) {
            return table.get(m, new NDIndex("{}:{}", start, start + t));
        }
        return treePositions.getNDArrayInternal().embedding(treePositions, table, SparseFormat.DENSE).singletonOrThrow();
    }

    private static NDArray treePositions(NDManager m, int start, Tree tree) {
        int[] depth = tree.depths();
        long[] pos = new long[depth.length];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = start + depth[i];
        }
        return m.create(pos, new Shape(pos.length));
    }
}
