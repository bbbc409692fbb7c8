package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Keys and values for batch 1, preallocated to the context length. Rolling back rejected
 * tokens is free: the owner just forgets positions past its length, and the next write
 * overwrites them.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final List<NDArray> keys = new ArrayList<>();
    private final List<NDArray> values = new ArrayList<>();
    private final int capacity;

    /** Allocates [1, kvHeads, capacity, headDim] per layer in a manager of its own. */
    public KvCache(ModelConfig c, NDManager parent, int capacity) {
        this(c, parent, capacity, 1);
    }

    /**
     * Allocates [batch, kvHeads, capacity, headDim] per layer: a batch of sequences advancing
     * together (all rows at the same position), e.g. the target generating training data.
     */
    public KvCache(ModelConfig c, NDManager parent, int capacity, int batch) {
        this.capacity = capacity;
        this.manager = parent.newSubManager();
        Shape shape = new Shape(batch, c.numKvHeads(), capacity, c.headDim());
        for (int i = 0; i < c.numLayers(); i++) {
            keys.add(manager.zeros(shape));
            values.add(manager.zeros(shape));
        }
        manager.cap();
    }

    /** Positions the cache can hold. */
    public int capacity() {
        return capacity;
    }

    /** All cache arrays (to attach them temporarily to a step manager). */
    public List<NDArray> arrays() {
        List<NDArray> all = new ArrayList<>(keys);
        all.addAll(values);
        return all;
    }

    void write(int layer, NDArray k, NDArray v, int start) {
        long t = k.getShape().get(2);
        NDIndex at = new NDIndex(":, :, {}:{}", start, start + t);
        keys.get(layer).set(at, k);
        values.get(layer).set(at, v);
    }

    /** Keys of slots from..to−1 (a sliding-window layer reads only its window). */
    NDArray keys(int layer, NDManager into, int from, int to) {
        return keys.get(layer).get(into, new NDIndex(":, :, {}:{}", from, to));
    }

    /** Values of slots from..to−1. */
    NDArray values(int layer, NDManager into, int from, int to) {
        return values.get(layer).get(into, new NDIndex(":, :, {}:{}", from, to));
    }

    @Override
    public void close() {
        manager.close();
    }
}
