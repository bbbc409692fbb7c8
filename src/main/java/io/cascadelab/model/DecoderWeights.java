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
 * @param ropeCos        cos table [P, rotaryDim] (HF layout: frequencies repeated twice) or null
 */
public record DecoderWeights(
        ModelConfig config,
        NDManager manager,
        NDArray embedding,
        NDArray positions,
        List<BlockWeights> blocks,
        BlockWeights.Norm finalNorm,
        NDArray lmHead,
        NDArray ropeCos,
        NDArray ropeSin) {

    /** Every array, for temporarily attaching them to a step manager. */
    public List<NDArray> arrays() {
        List<NDArray> all = new ArrayList<>();
        add(all, embedding, positions, finalNorm.weight(), finalNorm.bias(), lmHead, ropeCos, ropeSin);
        for (BlockWeights b : blocks) {
            add(all, b.attnNorm().weight(), b.attnNorm().bias(), b.mlpNorm().weight(), b.mlpNorm().bias(),
                    b.wq(), b.wk(), b.wv(), b.bq(), b.bk(), b.bv(), b.wo(), b.bo(),
                    b.wGate(), b.wUp(), b.bUp(), b.wDown(), b.bDown());
        }
        return all;
    }

    /** Number of trainable parameters (rotary tables are not parameters). */
    public long parameterCount() {
        long n = 0;
        for (NDArray a : arrays()) {
            if (a != ropeCos && a != ropeSin) {
                n += a.size();
            }
        }
        return n;
    }

    private static void add(List<NDArray> all, NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a != null) {
                all.add(a);
            }
        }
    }
}
