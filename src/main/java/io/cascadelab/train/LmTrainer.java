package io.cascadelab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonObject;
import io.cascadelab.model.Checkpoint;
import io.cascadelab.model.Decoder;
import io.cascadelab.model.DecoderWeights;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.SafetensorsWriter;
import io.cascadelab.model.TensorDType;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final Path workDir;
    private final NDManager manager;
    private final LlamaParameters params;
    private final AdamW adam;
    private int step;
    private long trainNanos;
    private long tokens;
    private double lastVal = Double.NaN;

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
        this.workDir = workDir;
        Files.createDirectories(workDir);
        this.manager = DjlEnvironment.engine().newBaseManager(device);
        Optional<TrainingCheckpoint.Saved> saved = TrainingCheckpoint.load(workDir);
        if (saved.isPresent()) {
            Checkpoint c = saved.get().weights();
            Map<String, float[]> values = new LinkedHashMap<>();
            for (String name : c.names()) {
                if (!name.startsWith("adam.")) {
                    values.put(name, toArray(c.read(name, c.shape(name))));
                }
            }
            params = LlamaParameters.fromValues(config, manager, values);
            params.requireGradients();
            adam = new AdamW(arrays(), manager, s.beta1(), s.beta2());
            for (int i = 0; i < params.params().size(); i++) {
                String n = params.params().get(i).hfName();
                adam.firstMoments().get(i).set(toArray(c.read("adam.m1." + n, c.shape("adam.m1." + n))));
                adam.secondMoments().get(i).set(toArray(c.read("adam.m2." + n, c.shape("adam.m2." + n))));
            }
            JsonObject st = saved.get().state();
            step = st.get("step").getAsInt();
            trainNanos = st.get("trainNanos").getAsLong();
            tokens = st.get("tokens").getAsLong();
            lastVal = st.has("valLoss") ? st.get("valLoss").getAsDouble() : Double.NaN;
            adam.setStepCount(step);
        } else if (init != null) {
            params = LlamaParameters.fromCheckpoint(Checkpoint.open(init), config, manager);
            params.requireGradients();
            adam = new AdamW(arrays(), manager, s.beta1(), s.beta2());
        } else {
            params = LlamaParameters.init(config, manager, s.seed());
            params.requireGradients();
            adam = new AdamW(arrays(), manager, s.beta1(), s.beta2());
        }
    }

    private List<NDArray> arrays() {
        List<NDArray> a = new ArrayList<>();
        params.params().forEach(p -> a.add(p.array()));
        return a;
    }

    /** Turns on soft-label distillation from a teacher sharing the tokenizer. */
    public void distillFrom(Distillation d) {
        this.distillation = d;
    }

    /** Steps already done (after a resume, where the run continues). */
    public int step() {
        return step;
    }

    /** The parameters being trained. */
    public LlamaParameters parameters() {
        return params;
    }

    /** Trains until the configured step count or until {@code cancelled} says stop. */
    public Result run(Listener listener, BooleanSupplier cancelled) throws IOException {
        Engine engine = DjlEnvironment.engine();
        int tokensPerStep = s.batch() * s.seqLen();
        double loss = Double.NaN;
        long runStart = System.nanoTime();
        int firstStep = step;
        if (step > 0) {
            listener.onLog("resumed at step " + step + " of " + s.steps() + " from " + workDir);
        }
        while (step < s.steps()) {
            if (cancelled.getAsBoolean()) {
                saveCheckpoint();
                listener.onLog("cancelled at step " + step + "; checkpoint saved, run again to resume");
                return new Result(step, loss, lastVal, trainNanos, tokens, true);
            }
            long t0 = System.nanoTime();
            double lr = s.lrAt(step);
            double gradNorm;
            try (NDManager sm = manager.newSubManager()) {
                attachAll(sm);
                long[][] xy = TokenCorpus.sample(corpus.train(), s.batch(), s.seqLen(), new Random(s.seed() * 1_000_003L + step));
                NDArray x = sm.create(xy[0], new Shape(s.batch(), s.seqLen()));
                NDArray y = sm.create(xy[1], new Shape(s.batch(), s.seqLen(), 1));
                NDArray teacherLogProbs = null;
                if (distillation != null) { // computed before recording: the teacher is frozen
                    sm.tempAttachAll(distillation.teacher().arrays().toArray(new NDArray[0]));
                    teacherLogProbs = Decoder.forward(distillation.teacher(), x, 0, null).logits().logSoftmax(-1);
                }
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray l = teacherLogProbs == null ? crossEntropy(x, y) : distillLoss(x, y, teacherLogProbs);
                    gc.backward(l);
                    loss = l.getFloat();
                }
                gradNorm = adam.step(sm, lr, s.weightDecay(), s.clip());
            }
            step++;
            tokens += tokensPerStep;
            trainNanos += System.nanoTime() - t0;
            if (step % s.evalEvery() == 0 || step == s.steps()) {
                lastVal = validationLoss();
                saveCheckpoint();
                listener.onLog(String.format("step %d: train loss %.4f, validation loss %.4f (ppl %.2f), checkpoint saved",
                        step, loss, lastVal, Math.exp(lastVal)));
            }
            double elapsed = (System.nanoTime() - runStart) / 1e9;
            double tps = (step - firstStep) * (double) tokensPerStep / Math.max(elapsed, 1e-9);
            double eta = (s.steps() - step) * tokensPerStep / Math.max(tps, 1e-9);
            listener.onProgress(new Progress(step, s.steps(), loss, lastVal, lr, gradNorm, tps, eta));
        }
        return new Result(step, loss, lastVal, trainNanos, tokens, false);
    }

    /** Mean next-token cross-entropy of the model over fixed validation windows. */
    public double validationLoss() {
        double sum = 0;
        for (int b = 0; b < s.evalBatches(); b++) {
            try (NDManager sm = manager.newSubManager()) {
                attachAll(sm);
                long[][] xy = TokenCorpus.sample(corpus.validation(), s.batch(), s.seqLen(), new Random(-1 - b));
                NDArray x = sm.create(xy[0], new Shape(s.batch(), s.seqLen()));
                NDArray y = sm.create(xy[1], new Shape(s.batch(), s.seqLen(), 1));
                sum += crossEntropy(x, y).getFloat();
            }
        }
        return sum / s.evalBatches();
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

    private void attachAll(NDManager sm) {
        List<NDArray> all = new ArrayList<>(params.weights().arrays());
        all.addAll(adam.firstMoments());
        all.addAll(adam.secondMoments());
        sm.tempAttachAll(all.toArray(new NDArray[0]));
    }

    /** Writes parameters, optimizer moments and counters so that a later run resumes exactly here. */
    public void saveCheckpoint() throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        for (int i = 0; i < params.params().size(); i++) {
            LlamaParameters.Param p = params.params().get(i);
            long[] shape = p.array().getShape().getShape();
            w.add(p.hfName(), p.array().toFloatArray(), shape);
            w.add("adam.m1." + p.hfName(), adam.firstMoments().get(i).toFloatArray(), shape);
            w.add("adam.m2." + p.hfName(), adam.secondMoments().get(i).toFloatArray(), shape);
        }
        JsonObject st = new JsonObject();
        st.addProperty("step", step);
        st.addProperty("trainNanos", trainNanos);
        st.addProperty("tokens", tokens);
        if (!Double.isNaN(lastVal)) {
            st.addProperty("valLoss", lastVal);
        }
        TrainingCheckpoint.save(workDir, w, st);
    }

    /** Writes the model as a Hugging Face folder. */
    public void export(Path dir, Path tokenizerJson, TensorDType dtype) throws IOException {
        HfFolderWriter.write(dir, params, tokenizerJson, dtype);
    }

    private static float[] toArray(FloatBuffer b) {
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
