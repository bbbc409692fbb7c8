package io.cascadelab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonObject;
import io.cascadelab.model.Checkpoint;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.SafetensorsWriter;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The optimisation loop every model trainer shares: AdamW with warm-up + cosine, clipping,
 * periodic validation loss, progress, cancellation and resumable checkpoints in {@code workDir}.
 * What is trained and on what comes from an {@link Objective}.
 */
final class TrainingRun {

    /** The loss a run minimises; every array it creates lands in the step manager it is given. */
    interface Objective {
        /** The loss of training step {@code step} (recorded for gradients). */
        NDArray trainLoss(NDManager step, int stepIndex);

        /** The loss on fixed validation batch {@code batch}. */
        NDArray validationLoss(NDManager step, int batch);

        /** Tokens the last training loss was computed over (for the throughput figure). */
        long lastTokens();

        /** Frozen arrays a step reads besides the parameters (a teacher's), attached per step. */
        default List<NDArray> frozenArrays() {
            return List.of();
        }
    }

    private final TrainSettings s;
    private final Path workDir;
    private final NamedParameters params;
    private final AdamW adam;
    private final Objective objective;
    private int step;
    private long trainNanos;
    private long tokens;
    private double lastVal = Double.NaN;
    private final SkippedUpdates skipped;

    /**
     * A run over {@code params} (gradients turned on here), continuing {@code saved}'s optimizer
     * state and counters when given (its parameter values must already be in {@code params}).
     */
    TrainingRun(NamedParameters params, TrainSettings settings, Path workDir, NDManager manager, Objective objective,
                Optional<TrainingCheckpoint.Saved> saved) {
        this.s = settings;
        this.workDir = workDir;
        this.skipped = new SkippedUpdates(workDir);
        this.params = params;
        this.objective = objective;
        params.requireGradients();
        List<NDArray> arrays = new ArrayList<>();
        params.params().forEach(p -> arrays.add(p.array()));
        this.adam = new AdamW(arrays, manager, s.beta1(), s.beta2());
        if (saved.isPresent()) {
            Checkpoint c = saved.get().weights();
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
        }
    }

    /** The parameter values of a saved checkpoint, keyed by HF name in memory layout. */
    static Map<String, float[]> savedValues(TrainingCheckpoint.Saved saved) {
        Checkpoint c = saved.weights();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (String name : c.names()) {
            if (!name.startsWith("adam.")) {
                values.put(name, toArray(c.read(name, c.shape(name))));
            }
        }
        return values;
    }

    int step() {
        return step;
    }

    /** Trains until the configured step count or until {@code cancelled} says stop. */
    LmTrainer.Result run(NDManager manager, LmTrainer.Listener listener, BooleanSupplier cancelled) throws IOException {
        Engine engine = DjlEnvironment.engine();
        double loss = Double.NaN;
        long runStart = System.nanoTime();
        long runTokens = 0;
        int firstStep = step;
        if (step > 0) {
            listener.onLog("resumed at step " + step + " of " + s.steps() + " from " + workDir);
        }
        while (step < s.steps()) {
            if (cancelled.getAsBoolean()) {
                saveCheckpoint();
                listener.onLog("cancelled at step " + step + "; checkpoint saved, run again to resume");
                return new LmTrainer.Result(step, loss, lastVal, trainNanos, tokens, true);
            }
            long t0 = System.nanoTime();
            double lr = s.lrAt(step);
            double gradNorm;
            try (NDManager sm = manager.newSubManager()) {
                attachAll(sm);
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray l = objective.trainLoss(sm, step);
                    gc.backward(l);
                    loss = l.getFloat();
                }
                gradNorm = adam.step(sm, lr, s.weightDecay(), s.clip());
            }
            skipped.record(step + 1, gradNorm, listener::onLog, this::saveCheckpoint);
            step++;
            tokens += objective.lastTokens();
            runTokens += objective.lastTokens();
            trainNanos += System.nanoTime() - t0;
            if (step % s.evalEvery() == 0 || step == s.steps()) {
                lastVal = validationLoss(manager);
                saveCheckpoint();
                listener.onLog(String.format("step %d: train loss %.4f, validation loss %.4f (ppl %.2f), checkpoint saved",
                        step, loss, lastVal, Math.exp(lastVal)));
            }
            double elapsed = (System.nanoTime() - runStart) / 1e9;
            double tps = runTokens / Math.max(elapsed, 1e-9);
            double eta = (s.steps() - step) * elapsed / Math.max(1, step - firstStep);
            listener.onProgress(new LmTrainer.Progress(step, s.steps(), loss, lastVal, lr, gradNorm, tps, eta));
        }
        return new LmTrainer.Result(step, loss, lastVal, trainNanos, tokens, false);
    }

    /** Mean loss over the fixed validation batches. */
    double validationLoss(NDManager manager) {
        double sum = 0;
        for (int b = 0; b < s.evalBatches(); b++) {
            try (NDManager sm = manager.newSubManager()) {
                attachAll(sm);
                sum += objective.validationLoss(sm, b).getFloat();
            }
        }
        return sum / s.evalBatches();
    }

    private void attachAll(NDManager sm) {
        List<NDArray> all = new ArrayList<>(params.arrays());
        all.addAll(adam.firstMoments());
        all.addAll(adam.secondMoments());
        all.addAll(objective.frozenArrays());
        sm.tempAttachAll(all.toArray(new NDArray[0]));
    }

    /** Writes parameters, optimizer moments and counters so that a later run resumes exactly here. */
    void saveCheckpoint() throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        for (int i = 0; i < params.params().size(); i++) {
            NamedParameters.Param p = params.params().get(i);
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

    private static float[] toArray(FloatBuffer b) {
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }
}
