package io.cascadelab.model;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Weights of one transformer block, every projection in x·W layout ([in, out]).
 * Optional parts (biases, the gate, extra norms) are null when the architecture has none.
 */
public record BlockWeights(Norms norms, Attention attention, Mlp mlp) {

    /** A normalisation's scale and (LayerNorm only) bias. */
    public record Norm(NDArray weight, NDArray bias) {
    }

    /**
     * The block's norms: before and after attention, before and after the MLP. Pre-norm
     * families have only {@code attnIn} and {@code mlpIn}; Gemma has all four; OLMo 2 only the post-norms.
     */
    public record Norms(Norm attnIn, Norm attnOut, Norm mlpIn, Norm mlpOut) {

        /** Llama's two pre-norms. */
        public static Norms pre(Norm attnIn, Norm mlpIn) {
            return new Norms(attnIn, null, mlpIn, null);
        }
    }

    /** Attention projections, their biases and the optional query/key norms. */
    public record Attention(NDArray wq, NDArray wk, NDArray wv, NDArray bq, NDArray bk, NDArray bv,
                            NDArray wo, NDArray bo, Norm qNorm, Norm kNorm) {

        /** The projections and biases present (nulls skipped; the q/k norms are not included). */
        public List<NDArray> projections() {
            List<NDArray> all = new ArrayList<>();
            add(all, wq, wk, wv, bq, bk, bv, wo, bo);
            return all;
        }

        /** Projections without biases or q/k norms. */
        public static Attention plain(NDArray wq, NDArray wk, NDArray wv, NDArray wo) {
            return new Attention(wq, wk, wv, null, null, null, wo, null, null, null);
        }
    }

    /** The MLP: down(act(gate x) · up x) when {@code wGate} is set, else down(act(up x)); biases optional. */
    public record Mlp(NDArray wGate, NDArray bGate, NDArray wUp, NDArray bUp, NDArray wDown, NDArray bDown) {

        /** A gated MLP without biases. */
        public static Mlp gated(NDArray wGate, NDArray wUp, NDArray wDown) {
            return new Mlp(wGate, null, wUp, null, wDown, null);
        }
    }

    /** Every array of the block (nulls skipped). */
    public List<NDArray> arrays() {
        List<NDArray> all = new ArrayList<>();
        for (Norm n : Arrays.asList(norms.attnIn(), norms.attnOut(), norms.mlpIn(), norms.mlpOut(),
                attention.qNorm(), attention.kNorm())) {
            if (n != null) {
                add(all, n.weight(), n.bias());
            }
        }
        all.addAll(attention.projections());
        add(all, mlp.wGate(), mlp.bGate(), mlp.wUp(), mlp.bUp(), mlp.wDown(), mlp.bDown());
        return all;
    }

    private static void add(List<NDArray> all, NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a != null) {
                all.add(a);
            }
        }
    }
}
