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
        NDArray x = ids.getNDArrayInternal().embedding(ids, w.embedding(), SparseFormat.DENSE).singletonOrThrow(); // [B,T,D]
        NDArray treePositions = tree == null ? null : treePositions(m, start, tree);
        if (w.positions() != null) {
            x = x.add(rows(m, w.positions(), start, t, treePositions));
        }
        NDArray cos = null, sin = null;
        if (c.rotary()) {
            cos = rows(m, w.ropeCos(), start, t, treePositions); // [T, rot]
            sin = rows(m, w.ropeSin(), start, t, treePositions);
        }
        NDArray mask = tree != null ? treeMask(m, start, tree, c.groupSize())
                : t > 1 ? causalMask(m, start, t, c.groupSize()) : null;
        for (int layer = 0; layer < w.blocks().size(); layer++) {
            BlockWeights b = w.blocks().get(layer);
            NDArray h = norm(c, x, b.attnNorm());
            NDArray attn = attention(c, b, h, start, cos, sin, mask, cache, layer);
            if (c.parallelResidual()) {
                x = x.add(attn).add(mlp(c, b, norm(c, x, b.mlpNorm())));
            } else {
                x = x.add(attn);
                x = x.add(mlp(c, b, norm(c, x, b.mlpNorm())));
            }
        }
        return norm(c, x, w.finalNorm());
    }

    /** The LM head over hidden states [..., D] → logits [..., V]. */
    public static NDArray logits(DecoderWeights w, NDArray hidden) {
        // A tied head is transposed per call so that training gradients reach the embedding.
        // Taken into the hidden states' manager first: the weights' manager is capped.
        NDArray head = w.lmHead() != null ? w.lmHead()
                : w.embedding().get(hidden.getManager(), new NDIndex(":, :")).transpose();
        return hidden.matMul(head);
    }

    static NDArray norm(ModelConfig c, NDArray x, BlockWeights.Norm n) {
        if (c.norm() == ModelConfig.NormKind.LAYER) {
            return x.getNDArrayInternal().layerNorm(x, new Shape(c.hiddenSize()), n.weight(), n.bias(),
                    (float) c.normEps()).singletonOrThrow();
        }
        NDArray rms = x.square().mean(new int[] {-1}, true).add(c.normEps()).sqrt();
        return x.div(rms).mul(n.weight());
    }

    private static NDArray attention(ModelConfig c, BlockWeights b, NDArray x, int start, NDArray cos, NDArray sin,
                                     NDArray mask, KvCache cache, int layer) {
        long batch = x.getShape().get(0), t = x.getShape().get(1);
        int h = c.numHeads(), kvh = c.numKvHeads(), hd = c.headDim(), g = c.groupSize();
        NDArray q = linear(x, b.wq(), b.bq()).reshape(batch, t, h, hd).transpose(0, 2, 1, 3);    // [B,H,T,hd]
        NDArray k = linear(x, b.wk(), b.bk()).reshape(batch, t, kvh, hd).transpose(0, 2, 1, 3);  // [B,KH,T,hd]
        NDArray v = linear(x, b.wv(), b.bv()).reshape(batch, t, kvh, hd).transpose(0, 2, 1, 3);
        if (c.rotary()) {
            q = rotate(q, cos, sin, c.rotaryDim(), hd);
            k = rotate(k, cos, sin, c.rotaryDim(), hd);
        }
        if (cache != null) {
            cache.write(layer, k, v, start);
            k = cache.keys(layer, x.getManager(), start + (int) t);    // [1,KH,L,hd]
            v = cache.values(layer, x.getManager(), start + (int) t);
        }
        // Grouped-query attention without copying K/V: the G query heads of a KV head share rows.
        NDArray qg = q.reshape(batch, kvh, g * t, hd);
        NDArray scores = qg.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(hd));          // [B,KH,G*T,L]
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray out = scores.softmax(-1).matMul(v)                                               // [B,KH,G*T,hd]
                .reshape(batch, h, t, hd).transpose(0, 2, 1, 3).reshape(batch, t, (long) h * hd);
        return linear(out, b.wo(), b.bo());
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

    private static NDArray mlp(ModelConfig c, BlockWeights b, NDArray x) {
        if (c.activation() == ModelConfig.Activation.SILU) {
            NDArray gate = x.matMul(b.wGate());
            return gate.mul(Activation.sigmoid(gate)).mul(x.matMul(b.wUp())).matMul(b.wDown());
        }
        NDArray h = linear(x, b.wUp(), b.bUp());
        h = switch (c.activation()) {
            case GELU_EXACT -> Activation.gelu(h);
            case GELU_TANH -> h.mul(h.pow(3).mul(0.044715).add(h).mul(SQRT_2_OVER_PI).tanh().add(1)).mul(0.5);
            case RELU -> Activation.relu(h);
            case SILU -> throw new IllegalStateException();
        };
        return linear(h, b.wDown(), b.bDown());
    }

    private static NDArray linear(NDArray x, NDArray w, NDArray bias) {
        NDArray y = x.matMul(w);
        return bias == null ? y : y.add(bias);
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

    /** Additive mask [G*T, L] for a tree: token i sees keys 0..start-1, its ancestors and itself. */
    static NDArray treeMask(NDManager m, int start, Tree tree, int groups) {
        int[] parent = tree.parent();
        int t = parent.length;
        int len = start + t;
        float[] mask = new float[groups * t * len];
        boolean[] visible = new boolean[t];
        for (int i = 0; i < t; i++) {
            java.util.Arrays.fill(visible, false);
            for (int a = i; a >= 0; a = parent[a]) {
                visible[a] = true;
            }
            for (int g = 0; g < groups; g++) {
                int row = (g * t + i) * len;
                for (int j = 0; j < t; j++) {
                    if (!visible[j]) {
                        mask[row + start + j] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
        }
        return m.create(mask, new Shape((long) groups * t, len)).toType(DataType.FLOAT32, false);
    }

    /** Additive mask [G*T, L]: query i (absolute start+i) sees keys 0..start+i. */
    static NDArray causalMask(NDManager m, int start, int t, int groups) {
        int len = start + t;
        float[] mask = new float[groups * t * len];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < t; i++) {
                int row = (g * t + i) * len;
                for (int j = start + i + 1; j < len; j++) {
                    mask[row + j] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        return m.create(mask, new Shape((long) groups * t, len)).toType(DataType.FLOAT32, false);
    }
}
