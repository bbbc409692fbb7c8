package io.cascadelab.cli;

import ai.djl.Device;
import io.cascadelab.model.ConfigReader;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.TensorDType;
import io.cascadelab.model.TextTokenizer;
import io.cascadelab.train.LmTrainer;
import io.cascadelab.train.ModelShape;
import io.cascadelab.train.TokenCorpus;
import io.cascadelab.train.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code train}: trains a Llama model on a text file and writes a Hugging Face folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a Llama language model on a text file (resumable; Ctrl-C saves a checkpoint).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--corpus", required = true, description = "UTF-8 text file to train on")
    Path corpus;

    @Option(names = "--tokenizer", required = true, description = "tokenizer.json to use (see train-tokenizer)")
    Path tokenizer;

    @Option(names = "--out", required = true, description = "output model folder (Hugging Face layout)")
    Path out;

    @Option(names = "--work", description = "checkpoint folder (default: <out>.work); an existing checkpoint is resumed")
    Path work;

    @Option(names = "--shape", defaultValue = "layers=4,hidden=256,heads=4",
            description = "model shape: layers,hidden,heads,kv,ffn,context,tied (default: ${DEFAULT-VALUE})")
    String shape;

    @Option(names = "--init", description = "start from this Llama model folder (its shape; --shape is ignored) instead of random weights")
    Path init;

    @Option(names = "--teacher", description = "distil from this model (same tokenizer): match its next-token distribution")
    Path teacher;

    @Option(names = "--distill-weight", defaultValue = "0.7", description = "weight of the KL-to-teacher term; the rest is next-token cross-entropy (default: ${DEFAULT-VALUE})")
    double distillWeight;

    @Option(names = "--steps", defaultValue = "2000") int steps;
    @Option(names = "--batch", defaultValue = "16") int batch;
    @Option(names = "--seq", defaultValue = "128", description = "tokens per training sequence") int seq;
    @Option(names = "--lr", defaultValue = "1e-3") double lr;
    @Option(names = "--warmup", defaultValue = "100") int warmup;
    @Option(names = "--min-lr-ratio", defaultValue = "0.1") double minLrRatio;
    @Option(names = "--weight-decay", defaultValue = "0.1") double weightDecay;
    @Option(names = "--clip", defaultValue = "1.0") double clip;
    @Option(names = "--eval-every", defaultValue = "200") int evalEvery;
    @Option(names = "--eval-batches", defaultValue = "8") int evalBatches;
    @Option(names = "--validation-every", defaultValue = "20",
            description = "hold out every N-th block of 100 lines for validation (default: ${DEFAULT-VALUE})")
    int validationEvery;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--dtype", defaultValue = "f16", description = "weights dtype of the output: f16 or f32") String dtype;

    @Override
    public Integer call() throws Exception {
        Device dev = DjlEnvironment.configuredDevice(); // global --device option
        TensorDType outType = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "f16" -> TensorDType.F16;
            case "f32" -> TensorDType.F32;
            default -> throw new IllegalArgumentException("--dtype must be f16 or f32, not " + dtype);
        };
        Path workDir = work != null ? work : out.resolveSibling(out.getFileName() + ".work");
        try (TextTokenizer tok = TextTokenizer.load(tokenizer.toAbsolutePath().getParent())) {
            int eos = tok.vocabSize() - 1;
            // --init continues an existing model: its config.json fixes the shape
            ModelConfig config = init != null ? ConfigReader.read(init)
                    : ModelShape.parse(shape, tok.vocabSize()).toConfig(eos, eos);
            System.err.println("tokenising " + corpus + " ...");
            TokenCorpus data = TokenCorpus.load(corpus, tok, validationEvery);
            System.err.printf("corpus: %,d training tokens, %,d validation tokens%n", data.train().length,
                    data.validation().length);
            if (seq > config.maxPositions()) {
                throw new IllegalArgumentException("--seq " + seq + " is longer than the model's context of "
                        + config.maxPositions() + " positions; use --seq " + config.maxPositions() + " or less, or a"
                        + " longer context in --shape");
            }
            data.requireWindows(corpus, seq, validationEvery);
            TrainSettings s = new TrainSettings(steps, batch, seq, lr, warmup, minLrRatio, weightDecay, 0.9, 0.95,
                    clip, evalEvery, evalBatches, seed);
            // Ctrl-C: the trainer saves a checkpoint at the step it is on, then the JVM exits
            CtrlC ctrlC = CtrlC.install();
            LoadedModel teacherModel = teacher == null ? null : LoadedModel.load(teacher, dev);
            try (LmTrainer trainer = new LmTrainer(config, s, data, workDir, dev, init)) {
                if (teacherModel != null) {
                    trainer.distillFrom(new LmTrainer.Distillation(teacherModel.weights(), distillWeight));
                    System.err.println("distilling from " + teacher + " (weight " + distillWeight + ")");
                }
                System.err.printf("model: %,d parameters (%d layers, hidden %d, vocab %d), device %s%n",
                        trainer.parameters().weights().parameterCount(), config.numLayers(), config.hiddenSize(),
                        config.vocabSize(), dev);
                LmTrainer.Result r = trainer.run(new TrainProgress(), ctrlC::stopped);
                if (r.cancelled()) {
                    return 130;
                }
                trainer.export(out, tokenizer, outType);
                System.err.printf("wrote %s: %d steps, %,d tokens in %.1f min (%.0f tok/s), validation loss %.4f (ppl %.2f)%n",
                        out, r.steps(), r.tokens(), r.trainNanos() / 6e10, r.tokens() / (r.trainNanos() / 1e9),
                        r.valLoss(), Math.exp(r.valLoss()));
            } finally {
                if (teacherModel != null) {
                    teacherModel.close();
                }
                ctrlC.close();
            }
        }
        return 0;
    }
}
