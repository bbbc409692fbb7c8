package io.cascadelab.model;

import ai.djl.ndarray.NDArray;

/**
 * Weights of one transformer block, every projection in x·W layout ([in, out]).
 * Optional parts (biases, the SwiGLU gate) are null when the architecture has none.
 */
public record BlockWeights(
        Norm attnNorm, Norm mlpNorm,
        NDArray wq, NDArray wk, NDArray wv, NDArray bq, NDArray bk, NDArray bv,
        NDArray wo, NDArray bo,
        NDArray wGate, NDArray wUp, NDArray bUp, NDArray wDown, NDArray bDown) {

    /** A normalisation's scale and (LayerNorm only) bias. */
    public record Norm(NDArray weight, NDArray bias) {
    }
}
