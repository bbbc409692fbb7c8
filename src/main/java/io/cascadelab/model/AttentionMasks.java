package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.HashMap;
import java.util.Map;

/**
 * The additive attention masks of one forward pass, one per attention window (0 = full), made
 * on first use. Queries are the T new tokens at positions start + depth (a chain or a
 * {@link Decoder.Tree}); keys are cache slots from {@link #firstKey} to start + T. A query sees a
 * key when the key is in the cached prefix or among its ancestors (or itself), and, with a
 * window w, when it lies less than w positions back (transformers: kv_idx > q_idx − w).
 */
final class AttentionMasks {

    private final NDManager manager;
    private final int start;
    private final int t;
    private final int groups;
    private final int[] depth;
    private final int[] parent;
    private final boolean cached;
    private final Map<Integer, NDArray> masks = new HashMap<>();

    /**
     * @param cached true when the keys include the cached prefix (else only the T new tokens, as in training)
     */
    AttentionMasks(NDManager manager, int start, int t, int groups, Decoder.Tree tree, boolean cached) {
        this.manager = manager;
        this.start = start;
        this.t = t;
        this.groups = groups;
        this.parent = tree == null ? null : tree.parent();
        this.depth = tree == null ? null : tree.depths();
        this.cached = cached;
    }

    /**
     * The first cache slot a layer with this window reads: keys further back than the window
     * from every query are not read at all (the earliest query sits at position start).
     */
    int firstKey(int window) {
        if (!cached) {
            return start;
        }
        return window > 0 ? Math.max(0, start - window + 1) : 0;
    }

    /** The mask [G·T, L] for a layer with this window, or null when every query sees every key read. */
    NDArray mask(int window) {
        if (masks.containsKey(window)) {
            return masks.get(window);
        }
        NDArray m = build(window);
        masks.put(window, m);
        return m;
    }

    private NDArray build(int window) {
        int from = firstKey(window);
        int len = start + t - from;
        float[] mask = new float[groups * t * len];
        boolean any = false;
        for (int i = 0; i < t; i++) {
            int qp = position(i);
            for (int s = from; s < start + t; s++) {
                boolean visible;
                int kp;
                if (s < start) {
                    visible = true;
                    kp = s;
                } else {
                    int n = s - start;
                    visible = sees(i, n);
                    kp = position(n);
                }
                if (visible && window > 0 && qp - kp >= window) {
                    visible = false;
                }
                if (!visible) {
                    any = true;
                    for (int g = 0; g < groups; g++) {
                        mask[(g * t + i) * len + (s - from)] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
        }
        return any ? manager.create(mask, new Shape((long) groups * t, len)) : null;
    }

    private int position(int newToken) {
        return start + (depth == null ? newToken : depth[newToken]);
    }

    /** Whether new token i sees new token n: n is i or one of its ancestors (a chain: n ≤ i). */
    private boolean sees(int i, int n) {
        if (parent == null) {
            return n <= i;
        }
        for (int a = i; a >= 0; a = parent[a]) {
            if (a == n) {
                return true;
            }
        }
        return false;
    }
}
