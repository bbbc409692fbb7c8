package io.cascadelab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelSession;
import io.cascadelab.model.T5Forward;
import io.cascadelab.model.TensorDType;
import io.cascadelab.model.TextTokenizer;
import io.cascadelab.model.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seq2seq trainer learns to write the next line, pads batches without the padding changing a
 * pair's loss, and exports a T5 folder the runtime loads with the same outputs.
 */
class Seq2SeqTrainerTest {

    @TempDir
    Path dir;

    private static final String TEXT = """
            In the beginning God created the heaven and the earth.
            And the earth was without form, and void.
            And God said, Let there be light: and there was light.
            And God saw the light, that it was good.
            """;

    private static final int EOS = 256;
    private static final T5Shape SHAPE = new T5Shape(257, 32, 4, 8, 48, 1, 2, 8, 16, 128, EOS);

    private Seq2SeqCorpus corpus(TextTokenizer tok) throws Exception {
        Path f = dir.resolve("corpus.txt");
        Files.writeString(f, TEXT.repeat(60)); // 240 lines: lines 100-199 are held out
        return Seq2SeqCorpus.load(f, tok, 2, EOS, 128);
    }

    private TextTokenizer tokenizer() throws Exception {
        Path t = dir.resolve("tok");
        Files.createDirectories(t);
        TinyModels.writeByteTokenizer(t, 257);
        return TextTokenizer.load(t);
    }

    private static TrainSettings settings(int steps) {
        return new TrainSettings(steps, 8, 128, 1e-2, 5, 0.1, 0.0, 0.9, 0.95, 1.0, 1000, 2, 3);
    }

    @Test
    void pairsAreConsecutiveLinesWithinOneSplit() throws Exception {
        try (TextTokenizer tok = tokenizer()) {
            Seq2SeqCorpus c = corpus(tok);
            // 240 lines: 99 + 39 training pairs (lines 0-99, 200-239), 99 validation pairs (100-199)
            assertEquals(99 + 39, c.train().size());
            assertEquals(99, c.validation().size());
            Seq2SeqCorpus.Pair first = c.train().get(0);
            assertArrayEquals(tok.encode(TEXT.lines().toList().get(0)), first.input());
            int[] next = tok.encode(TEXT.lines().toList().get(1), false);
            assertEquals(EOS, first.target()[first.target().length - 1]);
            assertArrayEquals(next, java.util.Arrays.copyOf(first.target(), next.length));
        }
    }

    @Test
    void learnsAndExportsAFolderTheRuntimeLoadsIdentically() throws Exception {
        try (TextTokenizer tok = tokenizer(); Seq2SeqTrainer t = new Seq2SeqTrainer(SHAPE, settings(60), corpus(tok),
                dir.resolve("work"), Device.cpu())) {
            double before = t.validationLoss();
            t.run(new LmTrainer.Listener() {
                @Override
                public void onProgress(LmTrainer.Progress p) {
                }
            }, () -> false);
            double after = t.validationLoss();
            assertTrue(after < before - 1.0, "validation loss " + before + " -> " + after);
            Path out = dir.resolve("model");
            t.export(out, dir.resolve("tok/tokenizer.json"), TensorDType.F32);
            int[] input = tok.encode(TEXT.lines().toList().get(2));
            int[] decoded = {EOS, 65, 110, 100};
            float[] trained = lastLogits(t.parameters(), input, decoded);
            try (LoadedModel m = LoadedModel.load(out, Device.cpu()); ModelSession s = m.newSession(16)) {
                s.encode(input);
                float[][] logits = s.forward(decoded, false).logits();
                assertArrayEquals(trained, logits[logits.length - 1], 1e-4f, "exported model vs trained weights");
            }
        }
    }

    @Test
    void paddingDoesNotChangeAPairsLoss() throws Exception {
        try (TextTokenizer tok = tokenizer(); Seq2SeqTrainer t = new Seq2SeqTrainer(SHAPE, settings(1), corpus(tok),
                dir.resolve("work2"), Device.cpu())) {
            List<Seq2SeqCorpus.Pair> pairs = corpus(tok).train();
            Seq2SeqCorpus.Pair shortest = pairs.get(1); // "And the earth was without form, and void."
            Seq2SeqCorpus.Pair longer = pairs.get(2);
            assertTrue(shortest.input().length < longer.input().length);
            double alone = t.pairLosses(List.of(shortest))[0];
            double padded = t.pairLosses(List.of(shortest, longer))[0];
            assertEquals(alone, padded, 1e-5, "the loss of a pair padded to a longer partner");
        }
    }

    private static float[] lastLogits(T5Parameters p, int[] input, int[] decoded) {
        try (NDManager m = p.weights().manager().newSubManager()) {
            m.tempAttachAll(p.arrays().toArray(new NDArray[0]));
            NDArray enc = T5Forward.encode(p.weights(), m.create(longs(input), new Shape(1, input.length)));
            NDArray logits = T5Forward.decode(p.weights(), m.create(longs(decoded), new Shape(1, decoded.length)), 0,
                    null, null, T5Forward.crossKeysValues(p.weights(), enc)).logits();
            return logits.get("0, -1, :").toFloatArray();
        }
    }

    private static long[] longs(int[] a) {
        return java.util.Arrays.stream(a).asLongStream().toArray();
    }
}
