package io.cascadelab.model;

import java.util.List;

/**
 * The shape and switches of one decoder, read from a checkpoint's config.json.
 * One decoder implementation reads these switches instead of one class per family.
 *
 * @param headDim               channels per attention head
 * @param rotaryDim             rotated channels per head (0 = learned absolute positions)
 * @param qkvBias               q/k/v projections carry a bias (Qwen2, GPT-2, NeoX)
 * @param outBias               the attention output and MLP projections carry biases
 * @param parallelResidual      NeoX: x + attn(ln1 x) + mlp(ln2 x)
 * @param eosTokenIds           generation stops at any of these (may be empty)
 */
public record ModelConfig(
        Architecture architecture,
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        int intermediateSize,
        int maxPositions,
        NormKind norm,
        double normEps,
        Activation activation,
        int rotaryDim,
        double ropeTheta,
        RopeScaling ropeScaling,
        boolean tieWordEmbeddings,
        boolean qkvBias,
        boolean outBias,
        boolean parallelResidual,
        int bosTokenId,
        List<Integer> eosTokenIds,
        String torchDtype) {

    /** Which normalisation the blocks use. */
    public enum NormKind { RMS, LAYER }

    /** The MLP's activation; SILU means the gated SwiGLU MLP. */
    public enum Activation { SILU, GELU_EXACT, GELU_TANH, RELU }

    public ModelConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /** True when positions enter through rotary embeddings (else a learned position table). */
    public boolean rotary() {
        return rotaryDim > 0;
    }

    /** Query heads per key/value head (grouped-query attention). */
    public int groupSize() {
        return numHeads / numKvHeads;
    }
}
