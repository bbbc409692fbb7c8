package io.cascadelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Copies weights loaded in float32 into their final manager with every projection (matmul weight,
 * embedding, LM head) converted to a {@link ComputeDType}; norms, biases, position tables and
 * rotary tables are copied as they are. The caller then closes the loading manager, which frees
 * the float32 originals (and the fused tensors some projections were sliced from).
 */
final class ProjectionCast {

    private final UnaryOperator<NDArray> projection;
    private final UnaryOperator<NDArray> keep;

    private ProjectionCast(ComputeDType dtype, NDManager target) {
        // Copies, not the arrays themselves: a bias or a split projection may be a view of a fused
        // tensor whose memory (a buffer the checkpoint was read into) goes with the loading manager.
        this.keep = a -> a == null ? null : moved(a.duplicate(), target);
        this.projection = a -> a == null ? null : moved(a.toType(dtype.dataType(), false), target);
    }

    /** Converts loaded weights of one kind ({@link #apply} for each). */
    @FunctionalInterface
    interface Cast<W> {
        W apply(W weights, ComputeDType dtype, NDManager target);
    }

    /**
     * Weights that {@code loadF32} reads into a manager, held in {@code manager} with their projections
     * in {@code dtype} (for a lower dtype they are read into a sub-manager, cast, and the float32
     * originals freed with it).
     */
    static <W> W load(ComputeDType dtype, NDManager manager, Function<NDManager, W> loadF32, Cast<W> cast) {
        W weights;
        if (dtype == ComputeDType.F32) {
            weights = loadF32.apply(manager);
        } else {
            try (NDManager loading = manager.newSubManager()) {
                weights = cast.apply(loadF32.apply(loading), dtype, manager);
            }
        }
        // The checkpoint was read into direct buffers that the transposed copies left unreachable; they
        // are only freed when a collection finds them, which a small, quiet heap may not run for a long
        // time (a 0.5B model kept 1.5 GB of them: RSS 4.0 GB instead of 2.5 GB).
        System.gc();
        return weights;
    }

    private static NDArray moved(NDArray copy, NDManager target) {
        copy.attach(target);
        return copy;
    }

    /** {@code w} with its projections in {@code dtype}, every array attached to {@code target}. */
    static DecoderWeights apply(DecoderWeights w, ComputeDType dtype, NDManager target) {
        ProjectionCast p = new ProjectionCast(dtype, target);
        return new DecoderWeights(w.config(), target, p.projection.apply(w.embedding()), p.keep.apply(w.positions()),
                w.blocks().stream().map(p::block).toList(), p.norm(w.finalNorm()), p.projection.apply(w.lmHead()),
                w.ropes().stream().map(r -> new Rope.Table(p.keep.apply(r.cos()), p.keep.apply(r.sin()))).toList());
    }

    /** {@code w} with its projections in {@code dtype}, every array attached to {@code target}. */
    static T5Weights apply(T5Weights w, ComputeDType dtype, NDManager target) {
        ProjectionCast p = new ProjectionCast(dtype, target);
        return new T5Weights(w.config(), target, p.projection.apply(w.embedding()), p.stack(w.encoder()),
                p.stack(w.decoder()), p.projection.apply(w.lmHead()));
    }

    private T5Weights.Stack stack(T5Weights.Stack s) {
        List<T5Weights.CrossAttention> cross = s.cross().stream()
                .map(x -> new T5Weights.CrossAttention(norm(x.norm()), attention(x.attention()))).toList();
        return new T5Weights.Stack(s.blocks().stream().map(this::block).toList(), cross, norm(s.finalNorm()),
                keep.apply(s.relativeBias()));
    }

    private BlockWeights block(BlockWeights b) {
        BlockWeights.Norms n = b.norms();
        BlockWeights.Mlp m = b.mlp();
        return new BlockWeights(new BlockWeights.Norms(norm(n.attnIn()), norm(n.attnOut()), norm(n.mlpIn()),
                norm(n.mlpOut())), attention(b.attention()),
                new BlockWeights.Mlp(projection.apply(m.wGate()), keep.apply(m.bGate()), projection.apply(m.wUp()),
                        keep.apply(m.bUp()), projection.apply(m.wDown()), keep.apply(m.bDown())));
    }

    private BlockWeights.Attention attention(BlockWeights.Attention a) {
        return new BlockWeights.Attention(projection.apply(a.wq()), projection.apply(a.wk()), projection.apply(a.wv()),
                keep.apply(a.bq()), keep.apply(a.bk()), keep.apply(a.bv()), projection.apply(a.wo()),
                keep.apply(a.bo()), norm(a.qNorm()), norm(a.kNorm()));
    }

    private BlockWeights.Norm norm(BlockWeights.Norm n) {
        return n == null ? null : new BlockWeights.Norm(keep.apply(n.weight()), keep.apply(n.bias()));
    }
}
