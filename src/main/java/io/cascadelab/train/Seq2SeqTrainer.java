package io.cascadelab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.SafetensorsWriter;
import io.cascadelab.model.T5Forward;
import io.cascadelab.model.TensorDType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Trains a T5 encoder-decoder on input/output pairs ({@link Seq2SeqCorpus}) with the shared
 * {@link TrainingRun} loop: teacher-forced cross-entropy over the real target tokens of padded batches.
 */
public final class Seq2SeqTrainer implements AutoCloseable {

    private final T5Shape shape;
    private final TrainSettings s;
    private final Seq2SeqCorpus corpus;
    private final NDManager manager;
    private final T5Parameters params;
    private final TrainingRun run;
    private long lastTokens;

    /** Prepares a run, resuming from {@code workDir}'s checkpoint when one exists. */
    public Seq2SeqTrainer(T5Shape shape, TrainSettings settings, Seq2SeqCorpus corpus, Path workDir, Device device)
            throws IOException {
        this.shape = shape;
        this.s = settings;
        this.corpus = corpus;
        Files.createDirectories(workDir);
        this.manager = DjlEnvironment.engine().newBaseManager(device);
        ModelConfig config = shape.toConfig();
        Optional<TrainingCheckpoint.Saved> saved = TrainingCheckpoint.load(workDir);
        params = saved.isPresent() ? T5Parameters.fromValues(config, manager, TrainingRun.savedValues(saved.get()))
                : T5Parameters.init(config, manager, s.seed());
        run = new TrainingRun(params, s, workDir, manager, new Objective(), saved);
    }

    /** The parameters being trained. */
    public T5Parameters parameters() {
        return params;
    }

    /** Trains until the configured step count or until {@code cancelled} says stop. */
    public LmTrainer.Result run(LmTrainer.Listener listener, BooleanSupplier cancelled) throws IOException {
        return run.run(manager, listener, cancelled);
    }

    /** Mean target-token cross-entropy over the fixed validation batches. */
    public double validationLoss() {
        return run.validationLoss(manager);
    }

    /** Writes the model as a Hugging Face folder (config.json, generation_config.json, weights, tokenizer). */
    public void export(Path dir, Path tokenizerJson, TensorDType dtype) throws IOException {
        Files.createDirectories(dir);
        SafetensorsWriter w = new SafetensorsWriter();
        params.exportTo(w);
        w.write(dir.resolve("model.safetensors"), dtype);
        HfFolderWriter.writeJson(dir.resolve("config.json"), shape.toJson(dtype == TensorDType.F16 ? "float16" : "float32"));
        com.google.gson.JsonObject gen = new com.google.gson.JsonObject();
        gen.addProperty("decoder_start_token_id", shape.eos());
        gen.addProperty("eos_token_id", shape.eos());
        gen.addProperty("pad_token_id", shape.eos());
        gen.addProperty("do_sample", false);
        HfFolderWriter.writeJson(dir.resolve("generation_config.json"), gen);
        HfFolderWriter.copyTokenizer(tokenizerJson, dir);
    }

    private final class Objective implements TrainingRun.Objective {

        @Override
        public NDArray trainLoss(NDManager sm, int step) {
            Seq2SeqCorpus.Batch b = Seq2SeqCorpus.sample(corpus.train(), s.batch(),
                    new Random(s.seed() * 1_000_003L + step), shape.eos());
            lastTokens = b.tokens();
            return loss(sm, b);
        }

        @Override
        public NDArray validationLoss(NDManager sm, int batch) {
            return loss(sm, Seq2SeqCorpus.sample(corpus.validation(), s.batch(), new Random(-1 - batch), shape.eos()));
        }

        @Override
        public long lastTokens() {
            return lastTokens;
        }
    }

    /** Each pair's mean target-token cross-entropy when the pairs form one padded batch (for tests). */
    double[] pairLosses(java.util.List<Seq2SeqCorpus.Pair> pairs) {
        try (NDManager sm = manager.newSubManager()) {
            sm.tempAttachAll(params.arrays().toArray(new NDArray[0]));
            Seq2SeqCorpus.Batch b = Seq2SeqCorpus.batch(pairs, shape.eos());
            NDArray weight = sm.create(b.weight(), new Shape(b.batch(), b.targetLength(), 1));
            NDArray perToken = tokenLogProbs(sm, b).mul(weight);
            float[] sums = perToken.sum(new int[] {1, 2}).toFloatArray();
            float[] counts = weight.sum(new int[] {1, 2}).toFloatArray();
            double[] out = new double[sums.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = -sums[i] / counts[i];
            }
            return out;
        }
    }

    private NDArray loss(NDManager sm, Seq2SeqCorpus.Batch b) {
        NDArray weight = sm.create(b.weight(), new Shape(b.batch(), b.targetLength(), 1));
        return tokenLogProbs(sm, b).mul(weight).sum().div(weight.sum()).neg();
    }

    /** log p(target token) at every decoder position of the batch [B, T, 1] (padding included). */
    private NDArray tokenLogProbs(NDManager sm, Seq2SeqCorpus.Batch b) {
        NDArray input = sm.create(b.input(), new Shape(b.batch(), b.inputLength()));
        NDArray padding = sm.create(b.padding(), new Shape(b.batch(), 1, 1, b.inputLength()));
        NDArray decoderInput = sm.create(b.decoderInput(), new Shape(b.batch(), b.targetLength()));
        NDArray target = sm.create(b.target(), new Shape(b.batch(), b.targetLength(), 1));
        NDArray encoded = T5Forward.encode(params.weights(), input, padding);
        NDArray logits = T5Forward.decode(params.weights(), decoderInput, 0, null, null,
                T5Forward.crossKeysValues(params.weights(), encoded), padding).logits();
        return logits.logSoftmax(-1).gather(target, -1);
    }

    @Override
    public void close() {
        manager.close();
    }
}
