package io.cascadelab.cli;

import io.cascadelab.train.BpeModel;
import io.cascadelab.train.BpeTokenizerTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code train-tokenizer}: learns a byte-level BPE tokenizer.json from a text file. */
@Command(name = "train-tokenizer", mixinStandardHelpOptions = true,
        description = "Train a byte-level BPE tokenizer and write a Hugging Face tokenizer.json.")
public final class TrainTokenizerCommand implements Callable<Integer> {

    @Option(names = "--corpus", required = true, description = "UTF-8 text file") Path corpus;
    @Option(names = "--vocab", defaultValue = "4096", description = "vocabulary size incl. <|endoftext|> (default: ${DEFAULT-VALUE})") int vocab;
    @Option(names = "--out", required = true, description = "tokenizer.json to write") Path out;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        BpeModel m = BpeTokenizerTrainer.train(corpus, BpeTokenizerTrainer.Options.of(vocab));
        m.writeTokenizerJson(out);
        System.err.printf("wrote %s: %d tokens (%d merges) in %.1f s%n", out, m.vocabSize(), m.merges().size(),
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
