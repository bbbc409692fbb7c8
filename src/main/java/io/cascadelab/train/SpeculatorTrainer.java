package io.cascadelab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.draft.MlpSpeculatorConfig;
import io.cascadelab.draft.MlpSpeculatorWeights;
import io.cascadelab.draft.MlpSpeculatorWriter;
import io.cascadelab.model.Checkpoint;
import io.cascadelab.model.Decoder;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.DecoderWeights;
import io.cascadelab.model.KvCache;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.SafetensorsWriter;
import io.cascadelab.model.TensorDType;
import io.cascadelab.util.Json;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Trains an MLP speculator for a frozen target in the paper's two stages, with DJL autograd:
 * <ol>
 *   <li><b>Stage 1</b>, corpus text with teacher forcing: for every anchor position t of a window,
 *       the state is the target's final hidden state at t and head i reads the true tokens
 *       t+1..t+1+i, predicting t+2+i.</li>
 *   <li><b>Stage 2</b>, text the target itself generates: short corpus prompts are continued by the
 *       target (batched, with a KV cache; sampled at a temperature, or greedy at 0), and the
 *       speculator learns on the generated part, with the hidden states the generation produced.</li>
 * </ol>
 * The loss is the sum over heads of the mean cross-entropy; AdamW (β 0.9/0.95), weight decay,
 * global-norm clipping and one warm-up + cosine schedule across both stages. Checkpoints in
 * {@code workDir} make a run resumable; per-head loss and accuracy are measured on held-out corpus
 * windows and on held-out target continuations after each stage.
 */
public final class SpeculatorTrainer implements AutoCloseable {

    /**
     * What to train and how.
     *
     * @param schedule          optimiser settings over all steps of both stages; batch and seqLen
     *                          are stage 1's (seqLen anchor positions per window)
     * @param stage1Steps       steps on corpus text; the remaining steps are stage 2
     * @param stage2Batch       target continuations per stage-2 step
     * @param promptLength      corpus tokens each continuation starts from
     * @param generatedLength   tokens the target generates per continuation (> n_predict)
     * @param stage2Temperature temperature of the target's sampling in stage 2; 0 = greedy
     */
    public record Settings(MlpSpeculatorConfig speculator, TrainSettings schedule, int stage1Steps, int stage2Batch,
                           int promptLength, int generatedLength, double stage2Temperature) {

        public Settings {
            if (stage1Steps < 0 || stage1Steps > schedule.steps()) {
                throw new IllegalArgumentException("stage-1 steps " + stage1Steps + " outside 0.." + schedule.steps());
            }
            if (generatedLength <= speculator.nPredict()) {
                throw new IllegalArgumentException("stage 2 must generate more than n_predict = " + speculator.nPredict()
                        + " tokens per continuation, got " + generatedLength);
            }
            if (promptLength < 1 || stage2Batch < 1 || stage2Temperature < 0) {
                throw new IllegalArgumentException("stage 2 needs prompt length >= 1, batch >= 1 and temperature >= 0");
            }
        }

        /** Stage-2 steps. */
        public int stage2Steps() {
            return schedule.steps() - stage1Steps;
        }
    }

    /** Per-head mean cross-entropy and top-1 accuracy. */
    public record HeadMetrics(double[] loss, double[] accuracy) {
    }

    /** Metrics on held-out corpus windows (teacher forcing) and on held-out target continuations. */
    public record Evaluation(HeadMetrics corpus, HeadMetrics generated) {
    }

    /** A progress report after a step. */
    public record Progress(int step, int steps, int stage, double loss, double[] headLoss, double lr, double gradNorm,
                           double tokensPerSecond, double etaSeconds) {
    }

    /** Receives progress (on the training thread). */
    public interface Listener {
        void onProgress(Progress p);

        /** A line worth logging (evaluation, checkpoint, stage change, resume). */
        default void onLog(String line) {
        }
    }

    /** What a run ended with. */
    public record Result(int steps, Evaluation afterStage1, Evaluation afterStage2, long trainNanos, long tokens,
                         boolean cancelled) {
    }


    private final Settings s;
    private final MlpSpeculatorConfig c;
    private final LoadedModel target;
    private final TokenCorpus corpus;
    private final Path workDir;
    private final SkippedUpdates skipped;
    private final NDManager manager;
    private final MlpSpeculatorWeights weights;
    private final AdamW adam;
    private final KvCache generationCache;
    private final List<Generated> generatedEval = new ArrayList<>();
    private int step;
    private long trainNanos;
    private long tokens;
    private Evaluation afterStage1;

    /** A batch of target continuations: tokens [B][P+G] and the hidden states at positions P−1..P+G−2. */
    private record Generated(int[][] tokens, float[] hidden) {
    }

    /** Prepares a run for {@code target}, resuming from {@code workDir}'s checkpoint when one exists. */
    public SpeculatorTrainer(LoadedModel target, Settings settings, TokenCorpus corpus, Path workDir) throws IOException {
        this.s = settings;
        this.c = settings.speculator();
        this.target = target;
        this.corpus = corpus;
        this.workDir = workDir;
        this.skipped = new SkippedUpdates(workDir);
        if (c.embDim() != target.config().hiddenSize() || c.vocabSize() != target.config().vocabSize()) {
            throw new IllegalArgumentException("speculator emb_dim " + c.embDim() + " / vocab " + c.vocabSize()
                    + " does not fit the target (hidden size " + target.config().hiddenSize() + ", vocab "
                    + target.config().vocabSize() + ")");
        }
        int longest = settings.promptLength() + settings.generatedLength();
        if (longest > target.config().maxPositions() || s.schedule().seqLen() + c.nPredict() + 1 > target.config().maxPositions()) {
            throw new IllegalArgumentException("windows of " + Math.max(longest, s.schedule().seqLen() + c.nPredict() + 1)
                    + " tokens exceed the target's context of " + target.config().maxPositions());
        }
        Files.createDirectories(workDir);
        this.manager = target.weights().manager().newSubManager();
        Optional<TrainingCheckpoint.Saved> checkpoint = TrainingCheckpoint.load(workDir);
        Map<String, float[]> values;
        boolean resume = checkpoint.isPresent();
        if (resume) {
            MlpSpeculatorConfig saved = MlpSpeculatorConfig.read(workDir);
            if (!saved.equals(c)) {
                throw new IllegalArgumentException(workDir + " holds a checkpoint of another speculator (" + saved
                        + "); delete it or choose another work folder");
            }
            values = readAll(checkpoint.get().weights());
        } else {
            values = init(c, settings.schedule().seed());
        }
        this.weights = MlpSpeculatorWeights.fromValues(c, manager, values);
        for (NDArray a : weights.arrays()) {
            a.setRequiresGradient(true);
        }
        this.adam = new AdamW(weights.arrays(), manager, s.schedule().beta1(), s.schedule().beta2());
        if (resume) {
            List<MlpSpeculatorWeights.Param> ps = weights.params();
            for (int i = 0; i < ps.size(); i++) {
                adam.firstMoments().get(i).set(values.get("adam.m1." + ps.get(i).hfName()));
                adam.secondMoments().get(i).set(values.get("adam.m2." + ps.get(i).hfName()));
            }
            JsonObject st = checkpoint.get().state();
            step = st.get("step").getAsInt();
            trainNanos = st.get("trainNanos").getAsLong();
            tokens = st.get("tokens").getAsLong();
            if (st.has("afterStage1")) {
                afterStage1 = evaluationFromJson(st.getAsJsonObject("afterStage1"));
            }
            adam.setStepCount(step);
        }
        int batch = Math.max(settings.stage2Batch(), 1);
        this.generationCache = new KvCache(target.config(), manager, longest, batch);
        for (int b = 0; b < s.schedule().evalBatches(); b++) {
            generatedEval.add(generate(prompts(corpus.validation(), batch, new Random(-100 - b)), new Random(-200 - b)));
        }
    }

    /** fms-extras' initialisation: N(0, 1/√D) for embeddings and projections, norms at scale 1, bias 0. */
    static Map<String, float[]> init(MlpSpeculatorConfig c, long seed) {
        Random r = new Random(seed);
        double std = 1 / Math.sqrt(c.innerDim());
        Map<String, float[]> v = new LinkedHashMap<>();
        for (int i = 0; i < c.nPredict(); i++) {
            int sh = MlpSpeculatorWeights.sharedIndex(c, i);
            int p = MlpSpeculatorWeights.sharedProjIndex(c, i);
            v.computeIfAbsent(MlpSpeculatorWeights.embName(sh), n -> gaussian(r, c.vocabSize() * c.innerDim(), std));
            v.computeIfAbsent(MlpSpeculatorWeights.projName(p), n -> gaussian(r, c.innerDim() * c.projInput(p), std));
            v.computeIfAbsent(MlpSpeculatorWeights.lnScaleName(sh), n -> filled(c.innerDim(), 1f));
            v.computeIfAbsent(MlpSpeculatorWeights.lnBiasName(sh), n -> filled(c.innerDim(), 0f));
            v.computeIfAbsent(MlpSpeculatorWeights.headName(sh), n -> gaussian(r, c.vocabSize() * c.innerDim(), std));
        }
        return v;
    }

    private static float[] gaussian(Random r, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * std);
        }
        return a;
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }

    private static Map<String, float[]> readAll(Checkpoint ckpt) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : ckpt.names()) {
            FloatBuffer b = ckpt.read(name, ckpt.shape(name));
            float[] a = new float[b.remaining()];
            b.get(a);
            out.put(name, a);
        }
        return out;
    }

    /** Steps already done (after a resume, where the run continues). */
    public int step() {
        return step;
    }

    /** The speculator being trained. */
    public MlpSpeculatorWeights weights() {
        return weights;
    }

    /** Trains until the configured step count or until {@code cancelled} says stop. */
    public Result run(Listener listener, BooleanSupplier cancelled) throws IOException {
        Engine engine = DjlEnvironment.engine();
        TrainSettings t = s.schedule();
        long[] stageNanos = new long[2];
        int[] stageSteps = new int[2];
        if (step > 0) {
            listener.onLog("resumed at step " + step + " of " + t.steps() + " from " + workDir);
        }
        if (step == 0 && s.stage1Steps() > 0) {
            listener.onLog("stage 1: " + s.stage1Steps() + " steps on corpus text (teacher forcing)");
        }
        while (step < t.steps()) {
            if (cancelled.getAsBoolean()) {
                saveCheckpoint();
                listener.onLog("cancelled at step " + step + "; checkpoint saved, run again to resume");
                return new Result(step, afterStage1, null, trainNanos, tokens, true);
            }
            if (step == s.stage1Steps() && afterStage1 == null) {
                finishStage1(listener);
            }
            int stage = step < s.stage1Steps() ? 1 : 2;
            long t0 = System.nanoTime();
            double lr = t.lrAt(step);
            double gradNorm;
            double loss;
            double[] headLoss = new double[c.nPredict()];
            int anchors;
            Random rng = new Random(t.seed() * 1_000_003L + step);
            // stage 2: the target generates first, in managers of its own
            Generated g = stage == 2 ? generate(prompts(corpus.train(), s.stage2Batch(), rng), rng) : null;
            try (NDManager sm = manager.newSubManager()) {
                attach(sm);
                Batch b = stage == 1 ? corpusBatch(sm, corpus.train(), t.batch(), rng) : toBatch(sm, g);
                anchors = b.anchors();
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray[] losses = headLosses(b.states(), b.follow(), null);
                    NDArray total = losses[0];
                    for (int i = 1; i < losses.length; i++) {
                        total = total.add(losses[i]);
                    }
                    gc.backward(total);
                    loss = total.getFloat();
                    for (int i = 0; i < losses.length; i++) {
                        headLoss[i] = losses[i].getFloat();
                    }
                }
                gradNorm = adam.step(sm, lr, t.weightDecay(), t.clip());
            }
            skipped.record(step + 1, gradNorm, listener::onLog, this::saveCheckpoint);
            step++;
            tokens += anchors;
            long dt = System.nanoTime() - t0;
            trainNanos += dt;
            stageNanos[stage - 1] += dt;
            stageSteps[stage - 1]++;
            if (step % t.evalEvery() == 0 && step != s.stage1Steps() && step != t.steps()) {
                Evaluation e = evaluate();
                saveCheckpoint();
                listener.onLog(String.format("step %d (stage %d): %s; checkpoint saved", step, stage, describe(e)));
            }
            double tps = anchorsPerSecond(stageNanos, stageSteps, stage, anchors);
            listener.onProgress(new Progress(step, t.steps(), stage, loss, headLoss, lr, gradNorm, tps,
                    eta(stageNanos, stageSteps)));
        }
        if (afterStage1 == null) { // no stage 2 at all
            finishStage1(listener);
        }
        Evaluation end = evaluate();
        saveCheckpoint();
        listener.onLog("after stage 2 (" + s.stage2Steps() + " steps): " + describe(end));
        return new Result(step, afterStage1, end, trainNanos, tokens, false);
    }

    private void finishStage1(Listener listener) throws IOException {
        afterStage1 = evaluate();
        saveCheckpoint();
        listener.onLog("after stage 1 (" + s.stage1Steps() + " steps): " + describe(afterStage1));
        if (s.stage2Steps() > 0) {
            listener.onLog("stage 2: " + s.stage2Steps() + " steps on target continuations (" + s.stage2Batch() + " × "
                    + s.promptLength() + "-token prompts + " + s.generatedLength() + " generated, "
                    + (s.stage2Temperature() == 0 ? "greedy" : "temperature " + s.stage2Temperature()) + ")");
        }
    }

    private double anchorsPerSecond(long[] stageNanos, int[] stageSteps, int stage, int anchors) {
        int i = stage - 1;
        return stageSteps[i] == 0 ? 0 : stageSteps[i] * (double) anchors / (stageNanos[i] / 1e9);
    }

    /** Remaining time from each stage's measured seconds per step (stage 2 assumed like stage 1 until measured). */
    private double eta(long[] stageNanos, int[] stageSteps) {
        double per1 = stageSteps[0] == 0 ? Double.NaN : stageNanos[0] / 1e9 / stageSteps[0];
        double per2 = stageSteps[1] == 0 ? per1 : stageNanos[1] / 1e9 / stageSteps[1];
        if (Double.isNaN(per1)) {
            per1 = per2;
        }
        int left1 = Math.max(0, s.stage1Steps() - step);
        int left2 = Math.min(s.stage2Steps(), s.schedule().steps() - Math.max(step, s.stage1Steps()));
        return left1 * per1 + left2 * per2;
    }

    /** States [B, N, De] at N anchors and the tokens following them [B, N + H] (int64). */
    private record Batch(NDArray states, NDArray follow, int anchors) {
    }

    /** Stage 1: windows of N + H + 1 corpus tokens; the target's hidden states at the first N. */
    private Batch corpusBatch(NDManager sm, int[] source, int batch, Random rng) {
        int n = s.schedule().seqLen();
        int h = c.nPredict();
        int len = n + h + 1;
        if (source.length < len + 1) {
            throw new IllegalArgumentException("corpus of " + source.length + " tokens is shorter than one window of " + len);
        }
        long[] ids = new long[batch * n];
        long[] follow = new long[batch * (n + h)];
        for (int b = 0; b < batch; b++) {
            int start = rng.nextInt(source.length - len);
            for (int i = 0; i < n; i++) {
                ids[b * n + i] = source[start + i];
            }
            for (int i = 0; i < n + h; i++) {
                follow[b * (n + h) + i] = source[start + 1 + i];
            }
        }
        NDArray states = Decoder.hiddenStates(target.weights(), sm.create(ids, new Shape(batch, n)), 0, null, null);
        return new Batch(states, sm.create(follow, new Shape(batch, n + h)), batch * n);
    }

    /** Stage 2: target continuations of corpus prompts; anchors P−1..P+G−2−H. */
    private Batch toBatch(NDManager sm, Generated g) {
        int b = g.tokens().length;
        int p = s.promptLength();
        int gen = s.generatedLength();
        int h = c.nPredict();
        int de = c.embDim();
        int n = gen - h;
        float[] states = new float[b * n * de];
        long[] follow = new long[b * gen];
        for (int r = 0; r < b; r++) {
            System.arraycopy(g.hidden(), r * gen * de, states, r * n * de, n * de);
            for (int i = 0; i < gen; i++) {
                follow[r * gen + i] = g.tokens()[r][p + i];
            }
        }
        return new Batch(sm.create(states, new Shape(b, n, de)), sm.create(follow, new Shape(b, gen)), b * n);
    }

    private int[][] prompts(int[] source, int batch, Random rng) {
        int p = s.promptLength();
        if (source.length < p + 1) {
            throw new IllegalArgumentException("corpus split of " + source.length + " tokens is shorter than a prompt of " + p);
        }
        int[][] out = new int[batch][];
        for (int b = 0; b < batch; b++) {
            int start = rng.nextInt(source.length - p);
            out[b] = Arrays.copyOfRange(source, start, start + p);
        }
        return out;
    }

    /**
     * The frozen target continues {@code prompts} by G tokens, all rows advancing together through a
     * batched KV cache; keeps the tokens and the hidden state that emitted each generated token.
     */
    private Generated generate(int[][] prompts, Random rng) {
        int b = prompts.length;
        int p = s.promptLength();
        int gen = s.generatedLength();
        int de = c.embDim();
        int v = target.config().vocabSize();
        DecoderWeights tw = target.weights();
        int[][] tokens = new int[b][p + gen];
        float[] hidden = new float[b * gen * de];
        long[] ids = new long[b * p];
        for (int r = 0; r < b; r++) {
            System.arraycopy(prompts[r], 0, tokens[r], 0, p);
            for (int i = 0; i < p; i++) {
                ids[r * p + i] = prompts[r][i];
            }
        }
        try (NDManager sm = manager.newSubManager()) {
            sm.tempAttachAll(tw.arrays().toArray(new NDArray[0]));
            sm.tempAttachAll(generationCache.arrays().toArray(new NDArray[0]));
            float[][] last = forwardLast(sm, tw, ids, b, p, 0);
            for (int g = 0; g < gen; g++) {
                long[] next = new long[b];
                for (int r = 0; r < b; r++) {
                    System.arraycopy(last[0], r * de, hidden, (r * gen + g) * de, de);
                    int tok = choose(last[1], r * v, v, s.stage2Temperature(), rng);
                    tokens[r][p + g] = tok;
                    next[r] = tok;
                }
                if (g < gen - 1) {
                    last = forwardLast(sm, tw, next, b, 1, p + g);
                }
            }
        }
        return new Generated(tokens, hidden);
    }

    /** Feeds ids [b, t] at {@code start}; returns the last position's hidden [b·De] and logits [b·V]. */
    private float[][] forwardLast(NDManager parent, DecoderWeights tw, long[] ids, int b, int t, int start) {
        try (NDManager gs = parent.newSubManager()) {
            NDArray h = Decoder.hiddenStates(tw, gs.create(ids, new Shape(b, t)), start, generationCache, null);
            NDArray last = h.get(":, -1, :");
            return new float[][] {last.toFloatArray(), Decoder.logits(tw, last).toFloatArray()};
        }
    }

    private static int choose(float[] logits, int from, int v, double temperature, Random rng) {
        int best = from;
        for (int i = from + 1; i < from + v; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        if (temperature == 0) {
            return best - from;
        }
        double max = logits[best];
        double sum = 0;
        double[] e = new double[v];
        for (int i = 0; i < v; i++) {
            e[i] = Math.exp((logits[from + i] - max) / temperature);
            sum += e[i];
        }
        double u = rng.nextDouble() * sum;
        double acc = 0;
        for (int i = 0; i < v; i++) {
            acc += e[i];
            if (acc > u) {
                return i;
            }
        }
        return best - from;
    }

    /**
     * Per-head mean cross-entropy over all anchors (and top-1 accuracy into {@code accuracy} when
     * given): head i reads follow[:, i : i+N] and predicts follow[:, i+1 : i+1+N].
     */
    private NDArray[] headLosses(NDArray states, NDArray follow, double[] accuracy) {
        int n = (int) states.getShape().get(1);
        NDArray state = MlpSpeculator.inputState(c, states);
        NDArray[] losses = new NDArray[c.nPredict()];
        for (int i = 0; i < c.nPredict(); i++) {
            NDArray in = follow.get(":, {}:{}", i, i + n);                           // [B, N]
            NDArray want = follow.get(":, {}:{}", i + 1, i + 1 + n);                 // [B, N]
            state = MlpSpeculator.headState(weights, i, state, in);                  // [B, N, D]
            NDArray logits = MlpSpeculator.headLogits(weights, i, state);            // [B, N, V]
            losses[i] = logits.logSoftmax(-1).gather(want.expandDims(-1), -1).mean().neg();
            if (accuracy != null) {
                accuracy[i] = logits.argMax(-1).eq(want).toType(DataType.FLOAT32, false).mean().getFloat();
            }
        }
        return losses;
    }

    /** Per-head loss and accuracy on the held-out corpus windows and target continuations. */
    public Evaluation evaluate() {
        int batches = s.schedule().evalBatches();
        double[][] corpusSums = new double[2][c.nPredict()];
        double[][] genSums = new double[2][c.nPredict()];
        for (int b = 0; b < batches; b++) {
            try (NDManager sm = manager.newSubManager()) {
                attach(sm);
                accumulate(corpusBatch(sm, corpus.validation(), s.schedule().batch(), new Random(-1 - b)), corpusSums);
                accumulate(toBatch(sm, generatedEval.get(b)), genSums);
            }
        }
        return new Evaluation(average(corpusSums, batches), average(genSums, batches));
    }

    private void accumulate(Batch b, double[][] sums) {
        double[] acc = new double[c.nPredict()];
        NDArray[] losses = headLosses(b.states(), b.follow(), acc);
        for (int i = 0; i < losses.length; i++) {
            sums[0][i] += losses[i].getFloat();
            sums[1][i] += acc[i];
        }
    }

    private static HeadMetrics average(double[][] sums, int n) {
        double[] loss = sums[0].clone();
        double[] acc = sums[1].clone();
        for (int i = 0; i < loss.length; i++) {
            loss[i] /= n;
            acc[i] /= n;
        }
        return new HeadMetrics(loss, acc);
    }

    /** "per-head accuracy corpus [..] generated [..]" for logs. */
    public static String describe(Evaluation e) {
        return "per-head accuracy on corpus " + percents(e.corpus().accuracy()) + " (loss " + fixed(e.corpus().loss())
                + "), on target text " + percents(e.generated().accuracy()) + " (loss " + fixed(e.generated().loss()) + ")";
    }

    private static String percents(double[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("%.1f%%", 100 * a[i]));
        }
        return sb.append(']').toString();
    }

    private static String fixed(double[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("%.3f", a[i]));
        }
        return sb.append(']').toString();
    }

    private void attach(NDManager sm) {
        List<NDArray> all = new ArrayList<>(target.weights().arrays());
        all.addAll(weights.arrays());
        all.addAll(adam.firstMoments());
        all.addAll(adam.secondMoments());
        all.addAll(generationCache.arrays());
        sm.tempAttachAll(all.toArray(new NDArray[0]));
    }

    /** Writes parameters, optimiser moments and counters so that a later run resumes exactly here. */
    public void saveCheckpoint() throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        List<MlpSpeculatorWeights.Param> ps = weights.params();
        Map<String, float[]> hf = weights.hfValues();
        for (int i = 0; i < ps.size(); i++) {
            String n = ps.get(i).hfName();
            long[] hfShape = MlpSpeculatorWeights.hfShape(c, n);
            w.add(n, hf.get(n), hfShape);
            // moments are stored in memory layout: fromValues never sees them
            long[] shape = ps.get(i).array().getShape().getShape();
            w.add("adam.m1." + n, adam.firstMoments().get(i).toFloatArray(), shape);
            w.add("adam.m2." + n, adam.secondMoments().get(i).toFloatArray(), shape);
        }
        Json.writeAtomically(workDir.resolve("config.json"), c.toJson("float32"));
        JsonObject st = new JsonObject();
        st.addProperty("step", step);
        st.addProperty("trainNanos", trainNanos);
        st.addProperty("tokens", tokens);
        if (afterStage1 != null) {
            st.add("afterStage1", toJson(afterStage1));
        }
        TrainingCheckpoint.save(workDir, w, st);
    }

    /**
     * Writes the speculator as a Hugging Face folder (config.json, model.safetensors) plus
     * training.json: settings and per-head loss/accuracy after each stage.
     */
    public void export(Path dir, TensorDType dtype, Result r, JsonObject about) throws IOException {
        MlpSpeculatorWriter.write(dir, weights, dtype);
        JsonObject o = about == null ? new JsonObject() : about.deepCopy();
        TrainSettings t = s.schedule();
        JsonObject st = new JsonObject();
        st.addProperty("stage1_steps", s.stage1Steps());
        st.addProperty("stage1_batch", t.batch());
        st.addProperty("stage1_anchor_positions", t.seqLen());
        st.addProperty("stage2_steps", s.stage2Steps());
        st.addProperty("stage2_batch", s.stage2Batch());
        st.addProperty("stage2_prompt_tokens", s.promptLength());
        st.addProperty("stage2_generated_tokens", s.generatedLength());
        st.addProperty("stage2_temperature", s.stage2Temperature());
        st.addProperty("lr", t.lr());
        st.addProperty("warmup", t.warmup());
        st.addProperty("min_lr_ratio", t.minLrRatio());
        st.addProperty("weight_decay", t.weightDecay());
        st.addProperty("betas", t.beta1() + "," + t.beta2());
        st.addProperty("clip", t.clip());
        st.addProperty("seed", t.seed());
        o.add("settings", st);
        if (r.afterStage1() != null) {
            o.add("after_stage1", toJson(r.afterStage1()));
        }
        if (r.afterStage2() != null) {
            o.add("after_stage2", toJson(r.afterStage2()));
        }
        o.addProperty("train_seconds", r.trainNanos() / 1e9);
        o.addProperty("anchor_tokens", r.tokens());
        o.addProperty("parameters", weights.parameterCount());
        Json.writeAtomically(dir.resolve("training.json"), o);
    }

    private static JsonObject toJson(Evaluation e) {
        JsonObject o = new JsonObject();
        o.add("corpus", toJson(e.corpus()));
        o.add("generated", toJson(e.generated()));
        return o;
    }

    private static JsonObject toJson(HeadMetrics m) {
        JsonObject o = new JsonObject();
        o.add("loss", array(m.loss()));
        o.add("accuracy", array(m.accuracy()));
        return o;
    }

    private static JsonArray array(double[] a) {
        JsonArray j = new JsonArray();
        for (double x : a) {
            j.add(x);
        }
        return j;
    }

    private static Evaluation evaluationFromJson(JsonObject o) {
        return new Evaluation(metricsFromJson(o.getAsJsonObject("corpus")), metricsFromJson(o.getAsJsonObject("generated")));
    }

    private static HeadMetrics metricsFromJson(JsonObject o) {
        return new HeadMetrics(doubles(o.getAsJsonArray("loss")), doubles(o.getAsJsonArray("accuracy")));
    }

    private static double[] doubles(JsonArray a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).getAsDouble();
        }
        return d;
    }

    @Override
    public void close() {
        generationCache.close();
        manager.close();
    }
}
