package io.cascadelab.cli;

import com.google.gson.JsonObject;
import io.cascadelab.draft.MlpSpeculatorConfig;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.TensorDType;
import io.cascadelab.train.SpeculatorTrainer;
import io.cascadelab.train.TokenCorpus;
import io.cascadelab.train.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code train-speculator}: trains an IBM MLP speculator for a frozen target, in two stages. */
@Command(name = "train-speculator", mixinStandardHelpOptions = true,
        description = {"Train an MLP speculator (IBM, arXiv 2404.19124) for a frozen target: stage 1 on corpus text with "
                + "teacher forcing, stage 2 on continuations the target generates from corpus prompts. Writes the "
                + "Hugging Face mlp_speculator format plus training.json (per-head accuracy after each stage). "
                + "Resumable; Ctrl-C saves a checkpoint."})
public final class TrainSpeculatorCommand implements Callable<Integer> {

    @Option(names = "--target", required = true, description = "target model folder (frozen)")
    Path target;

    @Option(names = "--corpus", required = true, description = "UTF-8 text file (tokenised with the target's tokenizer)")
    Path corpus;

    @Option(names = "--out", required = true, description = "output speculator folder (e.g. <family>/speculator)")
    Path out;

    @Option(names = "--work", description = "checkpoint folder (default: <out>.work); an existing checkpoint is resumed")
    Path work;

    @Option(names = "--n-predict", defaultValue = "3", description = "heads (default: ${DEFAULT-VALUE})") int nPredict;
    @Option(names = "--inner-dim", defaultValue = "0", description = "speculator width; 0 = the target's hidden size (default: ${DEFAULT-VALUE})") int innerDim;
    @Option(names = "--tie-weights", description = "share emb/head/ln across heads and proj from head 2 on") boolean tieWeights;
    @Option(names = "--scale-input", description = "RMS-normalise the target's state (÷√2) before the first head") boolean scaleInput;
    @Option(names = "--top-k", description = "candidate tree: tokens per head, comma-separated (default: 5,4,3,…)") String topK;
    @Option(names = "--n-candidates", defaultValue = "5", description = "candidate tree: candidates kept (default: ${DEFAULT-VALUE})") int nCandidates;

    @Option(names = "--stage1-steps", defaultValue = "600") int stage1Steps;
    @Option(names = "--stage2-steps", defaultValue = "200") int stage2Steps;
    @Option(names = "--batch", defaultValue = "8", description = "stage 1: windows per step (default: ${DEFAULT-VALUE})") int batch;
    @Option(names = "--seq", defaultValue = "256", description = "stage 1: anchor positions per window (default: ${DEFAULT-VALUE})") int seq;
    @Option(names = "--stage2-batch", defaultValue = "16", description = "stage 2: continuations per step (default: ${DEFAULT-VALUE})") int stage2Batch;
    @Option(names = "--prompt-len", defaultValue = "32", description = "stage 2: corpus tokens per prompt (paper: 64; default: ${DEFAULT-VALUE})") int promptLen;
    @Option(names = "--gen-len", defaultValue = "96", description = "stage 2: tokens the target generates per prompt (paper: 256; default: ${DEFAULT-VALUE})") int genLen;
    @Option(names = "--stage2-temperature", defaultValue = "1.0", description = "stage 2: the target's sampling temperature, 0 = greedy (default: ${DEFAULT-VALUE})") double temperature;
    @Option(names = "--lr", defaultValue = "1e-3") double lr;
    @Option(names = "--warmup", defaultValue = "50") int warmup;
    @Option(names = "--min-lr-ratio", defaultValue = "0.1") double minLrRatio;
    @Option(names = "--weight-decay", defaultValue = "0.1") double weightDecay;
    @Option(names = "--clip", defaultValue = "1.0") double clip;
    @Option(names = "--eval-every", defaultValue = "200", description = "steps between evaluations and checkpoints (default: ${DEFAULT-VALUE})") int evalEvery;
    @Option(names = "--eval-batches", defaultValue = "4") int evalBatches;
    @Option(names = "--validation-every", defaultValue = "20",
            description = "hold out every N-th block of 100 lines for evaluation (default: ${DEFAULT-VALUE})")
    int validationEvery;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--dtype", defaultValue = "f16", description = "weights dtype of the output: f16 (as IBM releases) or f32") String dtype;

    @Override
    public Integer call() throws Exception {
        TensorDType outType = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "f16" -> TensorDType.F16;
            case "f32" -> TensorDType.F32;
            default -> throw new IllegalArgumentException("--dtype must be f16 or f32, not " + dtype);
        };
        Path workDir = work != null ? work : out.resolveSibling(out.getFileName() + ".work");
        try (LoadedModel t = LoadedModel.load(target, DjlEnvironment.configuredDevice())) {
            if (t.tokenizer() == null) {
                throw new IllegalArgumentException(target + " has no tokenizer.json: the corpus is tokenised with the target's tokenizer");
            }
            MlpSpeculatorConfig base = MlpSpeculatorConfig.of(t.config().vocabSize(), t.config().hiddenSize(), innerDim,
                    nPredict, tieWeights, scaleInput);
            MlpSpeculatorConfig c = new MlpSpeculatorConfig(base.vocabSize(), base.embDim(), base.innerDim(), nPredict,
                    topK == null ? base.topKPerHead() : parseList(topK), nCandidates, tieWeights, scaleInput);
            System.err.println("tokenising " + corpus + " ...");
            TokenCorpus data = TokenCorpus.load(corpus, t.tokenizer(), validationEvery);
            System.err.printf("corpus: %,d training tokens, %,d validation tokens%n", data.train().length,
                    data.validation().length);
            TrainSettings ts = new TrainSettings(stage1Steps + stage2Steps, batch, seq, lr, warmup, minLrRatio, weightDecay,
                    0.9, 0.95, clip, evalEvery, evalBatches, seed);
            SpeculatorTrainer.Settings s = new SpeculatorTrainer.Settings(c, ts, stage1Steps, stage2Batch, promptLen, genLen,
                    temperature);
            // Ctrl-C: the trainer saves a checkpoint at the step it is on, then the JVM exits
            CtrlC ctrlC = CtrlC.install();
            try (SpeculatorTrainer trainer = new SpeculatorTrainer(t, s, data, workDir)) {
                System.err.printf("speculator: %,d parameters (n_predict %d, inner_dim %d, tie_weights %s, scale_input %s) "
                                + "for target %s (hidden %d, vocab %d), device %s%n",
                        trainer.weights().parameterCount(), c.nPredict(), c.innerDim(), c.tieWeights(), c.scaleInput(),
                        t.name(), t.config().hiddenSize(), t.config().vocabSize(), DjlEnvironment.configuredDevice());
                ProgressBar bar = new ProgressBar(System.err);
                SpeculatorTrainer.Result r = trainer.run(new SpeculatorTrainer.Listener() {
                    @Override
                    public void onProgress(SpeculatorTrainer.Progress p) {
                        StringBuilder heads = new StringBuilder();
                        for (double h : p.headLoss()) {
                            heads.append(heads.length() == 0 ? "" : " ").append(String.format("%.2f", h));
                        }
                        bar.update(p.step(), p.steps(), String.format("stage %d loss %.3f [%s] lr %.2e %,.0f tok/s",
                                p.stage(), p.loss(), heads, p.lr(), p.tokensPerSecond()), p.etaSeconds());
                    }

                    @Override
                    public void onLog(String line) {
                        bar.log(line);
                    }
                }, ctrlC::stopped);
                if (r.cancelled()) {
                    return 130;
                }
                JsonObject about = new JsonObject();
                about.addProperty("target", t.dir().toString());
                about.addProperty("corpus", corpus.toAbsolutePath().normalize().toString());
                trainer.export(out, outType, r, about);
                System.err.printf("wrote %s: %d steps, %,d anchor positions in %.1f min%n", out, r.steps(), r.tokens(),
                        r.trainNanos() / 6e10);
                System.err.println("after stage 1: " + SpeculatorTrainer.describe(r.afterStage1()));
                System.err.println("after stage 2: " + SpeculatorTrainer.describe(r.afterStage2()));
            } finally {
                ctrlC.close();
            }
        }
        return 0;
    }

    private static List<Integer> parseList(String s) {
        List<Integer> out = new ArrayList<>();
        for (String p : s.split(",")) {
            try {
                out.add(Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--top-k expects comma-separated counts, e.g. 4,3,2; got " + s);
            }
        }
        return out;
    }
}
