package io.cascadelab.train;

/**
 * Optimisation settings of one training run (AdamW with warm-up and cosine decay).
 *
 * @param steps          optimizer steps in total
 * @param batch          sequences per step
 * @param seqLen         tokens per sequence
 * @param minLrRatio     the cosine decays to lr × minLrRatio
 * @param evalEvery      steps between validation-loss evaluations (and checkpoints)
 * @param evalBatches    batches averaged per validation evaluation
 */
public record TrainSettings(int steps, int batch, int seqLen, double lr, int warmup, double minLrRatio,
                            double weightDecay, double beta1, double beta2, double clip, int evalEvery,
                            int evalBatches, long seed) {

    /** Learning rate at {@code step} (0-based): linear warm-up, then cosine to lr·minLrRatio. */
    public double lrAt(int step) {
        if (step < warmup) {
            return lr * (step + 1) / warmup;
        }
        double progress = (double) (step - warmup) / Math.max(1, steps - warmup);
        double cos = 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
        return lr * (minLrRatio + (1 - minLrRatio) * cos);
    }
}
