package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * All weights of a T5 encoder-decoder, in one long-lived manager. Both stacks read the shared
 * token embedding; each has its own relative position bias table, held by its first block in the
 * checkpoint and used by every layer of the stack.
 *
 * @param embedding the shared token embeddings [V, D]
 * @param lmHead    the output projection [D, V]; null when tied to the embedding
 */
public record T5Weights(ModelConfig config, NDManager manager, NDArray embedding, Stack encoder, Stack decoder,
                        NDArray lmHead) {

    /**
     * One stack: its blocks (self-attention and feed-forward), the decoder's cross-attention per
     * block (empty for the encoder), the final norm and the relative bias table [buckets, heads].
     */
    public record Stack(List<BlockWeights> blocks, List<CrossAttention> cross, BlockWeights.Norm finalNorm,
                        NDArray relativeBias) {

        public Stack {
            blocks = List.copyOf(blocks);
            cross = List.copyOf(cross);
        }
    }

    /** A decoder block's attention over the encoder output, with the norm before it. */
    public record CrossAttention(BlockWeights.Norm norm, BlockWeights.Attention attention) {
    }

    /** Every parameter array, each once (the tied head is the embedding). */
    public List<NDArray> parameters() {
        List<NDArray> all = new ArrayList<>();
        all.add(embedding);
        if (lmHead != null) {
            all.add(lmHead);
        }
        for (Stack s : List.of(encoder, decoder)) {
            all.add(s.finalNorm().weight());
            all.add(s.relativeBias());
            for (BlockWeights b : s.blocks()) {
                all.addAll(b.arrays());
            }
            for (CrossAttention x : s.cross()) {
                all.add(x.norm().weight());
                all.addAll(x.attention().projections());
            }
        }
        return all;
    }

    /** Number of parameters. */
    public long parameterCount() {
        long n = 0;
        for (NDArray a : parameters()) {
            n += a.size();
        }
        return n;
    }
}
