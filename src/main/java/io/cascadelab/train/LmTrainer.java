package io.cascadelab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cascadelab.model.Checkpoint;
import io.cascadelab.model.Decoder;
import io.cascadelab.model.DecoderWeights;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.TensorDType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Trains a Llama language model on a token corpus with DJL autograd: AdamW, warm-up + cosine,
 * clipping, periodic validation loss, and resumable checkpoints in {@code workDir}.
 */
public final class LmTrainer implements AutoCloseable {

    /** A progress report after a step. */
    public record Progress(int step, int steps, double loss, double valLoss, double lr, double gradNorm,
                           double tokensPerSecond, double etaSeconds) {
    }

    /** Receives progress (on the training thread). */
    public interface Listener {
        void onProgress(Progress p);

        /** A line worth logging (validation, checkpoint, resume). */
        default void onLog(String line) {
        }
    }

    /** What a run ended with. */
    public record Result(int steps, double lastLoss, double valLoss, long trainNanos, long tokens,
                         boolean cancelled) {
    }


    /**
     * Optional soft-label distillation: the student also matches the teacher's next-token
     * distribution (KL(teacher ‖ student)), weighted by {@code weight}; the hard-label loss gets 1 − weight.
     */
    public record Distillation(DecoderWeights teacher, double weight) {
    }

    private final TrainSettings s;
    private Distillation distillation;
    private final TokenCorpus corpus;
    private final NDManager manager;
    private final LlamaParameters params;
    private final TrainingRun run;

    /** Prepares a run, resuming from {@code workDir}'s checkpoint when one exists. */
    public LmTrainer(ModelConfig config, TrainSettings settings, TokenCorpus corpus, Path workDir, Device device)
            throws IOException {
        this(config, settings, corpus, workDir, device, null);
    }

    /**
     * Prepares a run; a fresh run starts from {@code init} (a Llama model folder of the same shape)
     * instead of random weights when given.
     */
    public LmTrainer(ModelConfig config, TrainSettings settings, TokenCorpus corpus, Path workDir, Device device,
                     Path init) throws IOException {
        this.s = settings;
        this.corpus = corpus;
        Files.createDirectories(workDir);
        this.manager = DjlEnvironment.engine().newBaseManager(device);
        Optional<TrainingCheckpoint.Saved> saved = TrainingCheckpoint.load(workDir);
        if (saved.isPresent()) {
            params = LlamaParameters.fromValues(config, manager, TrainingRun.savedValues(saved.get()));
        } else if (init != null) {
            params = LlamaParameters.fromCheckpoint(Checkpoint.open(init), config, manager);
        } else {
            params = LlamaParameters.init(config, manager, s.seed());
        }
        run = new TrainingRun(params, s, workDir, manager, new Objective(), saved);
    }

    /** Turns on soft-label distillation from a teacher sharing the tokenizer. */
    public void distillFrom(Distillation d) {
        this.distillation = d;
    }

    /** Steps already done (after a resume, where the run continues). */
    public int step() {
        return run.step();
    }

    /** The parameters being trained. */
    public LlamaParameters parameters() {
        return params;
    }

    /** Trains until the configured step count or until {@code cancelled} says stop. */
    public Result run(Listener listener, BooleanSupplier cancelled) throws IOException {
        return run.run(manager, listener, cancelled);
    }

    /** Mean next-token cross-entropy of the model over fixed validation windows. */
    public double validationLoss() {
        return run.validationLoss(manager);
    }

    /** Writes parameters, optimizer moments and counters so that a later run resumes exactly here. */
    public void saveCheckpoint() throws IOException {
        run.saveCheckpoint();
    }

    /** Next-token cross-entropy on random corpus windows, optionally blended with distillation. */
    private final class Objective implements TrainingRun.Objective {

        @Override
        public NDArray trainLoss(NDManager sm, int step) {
            long[][] xy = TokenCorpus.sample(corpus.train(), s.batch(), s.seqLen(), new Random(s.seed() * 1_000_003L + step));
            NDArray x = sm.create(xy[0], new Shape(s.batch(), s.seqLen()));
            NDArray y = sm.create(xy[1], new Shape(s.batch(), s.seqLen(), 1));
            if (distillation == null) {
                return crossEntropy(x, y);
            }
            // the teacher is frozen: its log-probabilities need no gradient
            NDArray teacherLogProbs = Decoder.forward(distillation.teacher(), x, 0, null).logits().logSoftmax(-1)
                    .stopGradient();
            return distillLoss(x, y, teacherLogProbs);
        }

        @Override
        public NDArray validationLoss(NDManager sm, int batch) {
            long[][] xy = TokenCorpus.sample(corpus.validation(), s.batch(), s.seqLen(), new Random(-1 - batch));
            return crossEntropy(sm.create(xy[0], new Shape(s.batch(), s.seqLen())),
                    sm.create(xy[1], new Shape(s.batch(), s.seqLen(), 1)));
        }

        @Override
        public long lastTokens() {
            return (long) s.batch() * s.seqLen();
        }

        @Override
        public List<NDArray> frozenArrays() {
            return distillation == null ? List.of() : distillation.teacher().arrays();
        }
    }

    private NDArray distillLoss(NDArray x, NDArray y, NDArray teacherLogProbs) {
        NDArray logp = Decoder.forward(params.weights(), x, 0, null).logits().logSoftmax(-1);
        NDArray ce = logp.gather(y, -1).mean().neg();
        NDArray kl = teacherLogProbs.exp().mul(teacherLogProbs.sub(logp)).sum(new int[] {-1}).mean();
        // float scalars: a double would promote these 0-d arrays to float64
        float w = (float) distillation.weight();
        return ce.mul(1 - w).add(kl.mul(w));
    }

    private NDArray crossEntropy(NDArray x, NDArray y) {
        NDArray logits = Decoder.forward(params.weights(), x, 0, null).logits();
        return logits.logSoftmax(-1).gather(y, -1).mean().neg();
    }

    /** Writes the model as a Hugging Face folder. */
    public void export(Path dir, Path tokenizerJson, TensorDType dtype) throws IOException {
        HfFolderWriter.write(dir, params, tokenizerJson, dtype);
    }

    @Override
    public void close() {
        manager.close();
    }
}
