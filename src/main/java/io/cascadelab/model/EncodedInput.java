package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.List;

/**
 * An encoder-decoder's input after one encoder pass: each decoder layer's cross-attention keys
 * and values, kept in a manager of their own for as long as the session decodes from that input.
 */
final class EncodedInput implements AutoCloseable {

    private final int[] input;
    private final NDManager manager;
    private final List<NDArray[]> keysValues;

    private EncodedInput(int[] input, NDManager manager, List<NDArray[]> keysValues) {
        this.input = input;
        this.manager = manager;
        this.keysValues = keysValues;
    }

    /** Encodes {@code input} with {@code w}; the encoder's temporaries are freed at once. */
    static EncodedInput of(T5Weights w, int[] input) {
        NDManager kept = w.manager().newSubManager();
        try (NDManager step = w.manager().newSubManager()) {
            long[] ids = new long[input.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = input[i];
            }
            NDArray encoded = T5Forward.encode(w, step.create(ids, new Shape(1, ids.length)));
            List<NDArray[]> kv = T5Forward.crossKeysValues(w, encoded);
            for (NDArray[] pair : kv) {
                pair[0].attach(kept);
                pair[1].attach(kept);
            }
            kept.cap();
            return new EncodedInput(input.clone(), kept, kv);
        } catch (RuntimeException e) {
            kept.close();
            throw e;
        }
    }

    int[] input() {
        return input.clone();
    }

    List<NDArray[]> keysValues() {
        return keysValues;
    }

    @Override
    public void close() {
        manager.close();
    }
}
