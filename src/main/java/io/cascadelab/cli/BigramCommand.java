package io.cascadelab.cli;

import io.cascadelab.decode.ModelFamily;
import io.cascadelab.draft.BigramTable;
import io.cascadelab.model.TextTokenizer;
import io.cascadelab.train.TokenCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bigram}: builds Max-Gram's bigram fallback table from a text file with a model's tokenizer. */
@Command(name = "bigram", mixinStandardHelpOptions = true,
        description = "Build the Max-Gram bigram table (most likely next token per token) from a text file.")
public final class BigramCommand implements Callable<Integer> {

    @Option(names = "--corpus", required = true, description = "UTF-8 text file") Path corpus;
    @Option(names = "--model", required = true, description = "model folder whose tokenizer.json to use; the table is saved there as " + ModelFamily.BIGRAM_FILE) Path model;
    @Option(names = "--validation-every", defaultValue = "20", description = "skip the validation blocks the trainer held out (0 = use all text)") int validationEvery;

    @Override
    public Integer call() throws Exception {
        try (TextTokenizer tok = TextTokenizer.load(model)) {
            int[] ids = TokenCorpus.load(corpus, tok, validationEvery).train();
            BigramTable t = BigramTable.build(tok.vocabSize(), ids);
            Path out = model.resolve(ModelFamily.BIGRAM_FILE);
            t.save(out);
            System.err.printf("wrote %s: %d of %d tokens have a successor (from %,d corpus tokens)%n", out,
                    t.knownCount(), t.vocabSize(), ids.length);
        }
        return 0;
    }
}
