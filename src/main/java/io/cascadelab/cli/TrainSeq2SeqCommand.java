package io.cascadelab.cli;

import ai.djl.Device;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.TensorDType;
import io.cascadelab.model.TextTokenizer;
import io.cascadelab.train.LmTrainer;
import io.cascadelab.train.Seq2SeqCorpus;
import io.cascadelab.train.Seq2SeqTrainer;
import io.cascadelab.train.T5Shape;
import io.cascadelab.train.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code train-seq2seq}: trains a T5 to map each line of a text file to the next and writes a Hugging Face folder. */
@Command(name = "train-seq2seq", mixinStandardHelpOptions = true,
        description = "Train a T5 encoder-decoder to write the line after each line of a text file (e.g. the next"
                + " verse); resumable, Ctrl-C saves a checkpoint.")
public final class TrainSeq2SeqCommand implements Callable<Integer> {

    @Option(names = "--corpus", required = true, description = "UTF-8 text file, one passage per line")
    Path corpus;

    @Option(names = "--tokenizer", required = true, description = "tokenizer.json to use (see train-tokenizer)")
    Path tokenizer;

    @Option(names = "--out", required = true, description = "output model folder (Hugging Face layout)")
    Path out;

    @Option(names = "--work", description = "checkpoint folder (default: <out>.work); an existing checkpoint is resumed")
    Path work;

    @Option(names = "--shape", defaultValue = "d_model=256,heads=4,encoder_layers=4,decoder_layers=4",
            description = "T5 shape: d_model,heads,d_kv,d_ff,encoder_layers,decoder_layers,buckets,max_distance,"
                    + "context (default: ${DEFAULT-VALUE})")
    String shape;

    @Option(names = "--max-length", defaultValue = "128", description = "leave out pairs longer than this many tokens either side")
    int maxLength;

    @Option(names = "--steps", defaultValue = "2000") int steps;
    @Option(names = "--batch", defaultValue = "32", description = "pairs per step") int batch;
    @Option(names = "--lr", defaultValue = "1e-3") double lr;
    @Option(names = "--warmup", defaultValue = "100") int warmup;
    @Option(names = "--min-lr-ratio", defaultValue = "0.1") double minLrRatio;
    @Option(names = "--weight-decay", defaultValue = "0.0") double weightDecay;
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
        Device dev = DjlEnvironment.configuredDevice();
        TensorDType outType = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "f16" -> TensorDType.F16;
            case "f32" -> TensorDType.F32;
            default -> throw new IllegalArgumentException("--dtype must be f16 or f32, not " + dtype);
        };
        Path workDir = work != null ? work : out.resolveSibling(out.getFileName() + ".work");
        try (TextTokenizer tok = TextTokenizer.load(tokenizer.toAbsolutePath().getParent())) {
            int eos = tok.vocabSize() - 1;
            T5Shape t5 = T5Shape.parse(shape, tok.vocabSize(), eos);
            System.err.println("tokenising " + corpus + " ...");
            Seq2SeqCorpus data = Seq2SeqCorpus.load(corpus, tok, validationEvery, eos, maxLength);
            System.err.printf("corpus: %,d training pairs, %,d validation pairs%n", data.train().size(),
                    data.validation().size());
            TrainSettings s = new TrainSettings(steps, batch, maxLength, lr, warmup, minLrRatio, weightDecay, 0.9, 0.95,
                    clip, evalEvery, evalBatches, seed);
            CtrlC ctrlC = CtrlC.install();
            try (Seq2SeqTrainer trainer = new Seq2SeqTrainer(t5, s, data, workDir, dev)) {
                System.err.printf("model: %,d parameters (T5, %d+%d layers, d_model %d, vocab %d), device %s%n",
                        trainer.parameters().weights().parameterCount(), t5.encoderLayers(), t5.decoderLayers(),
                        t5.dModel(), t5.vocabSize(), dev);
                LmTrainer.Result r = trainer.run(new TrainProgress(), ctrlC::stopped);
                if (r.cancelled()) {
                    return 130;
                }
                trainer.export(out, tokenizer, outType);
                System.err.printf("wrote %s: %d steps, %,d tokens in %.1f min (%.0f tok/s), validation loss %.4f (ppl %.2f)%n",
                        out, r.steps(), r.tokens(), r.trainNanos() / 6e10, r.tokens() / (r.trainNanos() / 1e9),
                        r.valLoss(), Math.exp(r.valLoss()));
            } finally {
                ctrlC.close();
            }
        }
        return 0;
    }
}
