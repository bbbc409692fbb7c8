package io.cascadelab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Updates {@link AdamW} dropped because the gradient was not finite: each is logged, and a run
 * that keeps producing them is stopped (its checkpoint saved) rather than left training nothing.
 */
final class SkippedUpdates {

    /** After this many skipped updates in a row the run stops: the model is not learning. */
    static final int MAX_IN_A_ROW = 10;

    private final Path workDir;
    private int inARow;

    SkippedUpdates(Path workDir) {
        this.workDir = workDir;
    }

    /** Saves the run's checkpoint. */
    interface Checkpoint {
        void save() throws IOException;
    }

    /**
     * Records the gradient norm of the update that ended step {@code step} (1-based).
     *
     * @throws IllegalStateException when the run must stop, after {@code checkpoint} was saved
     */
    void record(int step, double gradNorm, Consumer<String> log, Checkpoint checkpoint) throws IOException {
        if (Double.isFinite(gradNorm)) {
            inARow = 0;
            return;
        }
        inARow++;
        log.accept(String.format("step %d: the gradient norm is %s; update skipped (%d in a row)", step, gradNorm, inARow));
        if (inARow >= MAX_IN_A_ROW) {
            checkpoint.save();
            throw new IllegalStateException("training stopped at step " + step + ": the gradients were not finite " + inARow
                    + " steps in a row; the weights are unchanged since (checkpoint saved in " + workDir
                    + "). Lower --lr, or train on one torch thread (-Dai.djl.pytorch.num_threads=1)");
        }
    }
}
