package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * All weights of a decoder plus its rotary tables, living in one long-lived manager.
 *
 * @param embedding      token embeddings [V, D]
 * @param positions      learned position table [P, D] (GPT-2) or null
 * @param lmHead         output projection [D, V]; null when tied to the embedding
 * @param ropes          one table per {@link ModelConfig#ropes()} entry (empty without rotary embeddings)
 */
public record DecoderWeights(
        ModelConfig config,
        NDManager manager,
        NDArray embedding,
        NDArray positions,
        List<BlockWeights> blocks,
        BlockWeights.Norm finalNorm,
        NDArray lmHead,
        List<Rope.Table> ropes) {

    public DecoderWeights {
        blocks = List.copyOf(blocks);
        ropes = List.copyOf(ropes);
    }

    /** Every parameter array (rotary tables are not parameters). */
    public List<NDArray> parameters() {
        List<NDArray> all = new ArrayList<>();
        for (NDArray a : new NDArray[] {embedding, positions, finalNorm.weight(), finalNorm.bias(), lmHead}) {
            if (a != null) {
                all.add(a);
            }
        }
        for (BlockWeights b : blocks) {
            all.addAll(b.arrays());
        }
        return all;
    }

    /** Every array, for temporarily attaching them to a step manager. */
    public List<NDArray> arrays() {
        List<NDArray> all = parameters();
        for (Rope.Table t : ropes) {
            all.add(t.cos());
            all.add(t.sin());
        }
        return all;
    }

    /** Number of trainable parameters. */
    public long parameterCount() {
        long n = 0;
        for (NDArray a : parameters()) {
            n += a.size();
        }
        return n;
    }
}
