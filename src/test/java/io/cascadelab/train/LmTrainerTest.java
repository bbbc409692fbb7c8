package io.cascadelab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cascadelab.model.Decoder;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.ModelSession;
import io.cascadelab.model.TensorDType;
import io.cascadelab.model.TextTokenizer;
import io.cascadelab.model.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LM trainer learns, resumes where it stopped, and exports a folder the runtime loads identically. */
class LmTrainerTest {

    @TempDir
    Path dir;

    private static final String TEXT = """
            In the beginning God created the heaven and the earth.
            And the earth was without form, and void; and darkness was upon the face of the deep.
            And God said, Let there be light: and there was light.
            And God saw the light, that it was good: and God divided the light from the darkness.
            """;

    private TokenCorpus corpus(TextTokenizer tok) throws Exception {
        Path f = dir.resolve("corpus.txt");
        Files.writeString(f, TEXT.repeat(60)); // 240 lines: lines 100-199 are held out
        return TokenCorpus.load(f, tok, 2);
    }

    private static TrainSettings settings(int steps) {
        return new TrainSettings(steps, 8, 32, 3e-3, 5, 0.1, 0.0, 0.9, 0.95, 1.0, 1000, 1, 3);
    }

    private TextTokenizer tokenizer() throws Exception {
        Path t = dir.resolve("tok");
        Files.createDirectories(t);
        TinyModels.writeByteTokenizer(t, 257);
        return TextTokenizer.load(t);
    }

    private static ModelConfig config() {
        return new ModelShape(257, 32, 2, 4, 2, 64, 64, true).toConfig(256, 256);
    }

    @Test
    void lossFallsOnATinyCorpus() throws Exception {
        try (TextTokenizer tok = tokenizer();
             LmTrainer t = new LmTrainer(config(), settings(40), corpus(tok), dir.resolve("work"), Device.cpu())) {
            List<Double> losses = new ArrayList<>();
            t.run(p -> losses.add(p.loss()), () -> false);
            double first = losses.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = losses.subList(37, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertTrue(last < first - 1.0, "loss should fall: first " + first + ", last " + last);
        }
    }

    @Test
    void cancelledRunResumesAtItsStep() throws Exception {
        try (TextTokenizer tok = tokenizer()) {
            TokenCorpus c = corpus(tok);
            int[] stopAt = {0};
            try (LmTrainer t = new LmTrainer(config(), settings(20), c, dir.resolve("work"), Device.cpu())) {
                LmTrainer.Result r = t.run(p -> stopAt[0] = p.step(), () -> stopAt[0] >= 7);
                assertTrue(r.cancelled());
                assertEquals(7, r.steps());
            }
            try (LmTrainer t = new LmTrainer(config(), settings(20), c, dir.resolve("work"), Device.cpu())) {
                assertEquals(7, t.step());
                LmTrainer.Result r = t.run(p -> { }, () -> false);
                assertEquals(20, r.steps());
            }
        }
    }

    @Test
    void exportedFolderGivesTheSameLogits() throws Exception {
        try (TextTokenizer tok = tokenizer();
             LmTrainer t = new LmTrainer(config(), settings(10), corpus(tok), dir.resolve("work"), Device.cpu())) {
            t.run(p -> { }, () -> false);
            Path out = dir.resolve("model");
            t.export(out, tok.file(), TensorDType.F32);
            int[] ids = tok.encode("And God said", false);
            float[] want;
            try (NDManager m = DjlEnvironment.engine().newBaseManager(Device.cpu())) {
                long[] l = new long[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    l[i] = ids[i];
                }
                m.tempAttachAll(t.parameters().weights().arrays().toArray(new NDArray[0]));
                want = Decoder.forward(t.parameters().weights(), m.create(l, new Shape(1, l.length)), 0, null)
                        .logits().toFloatArray();
            }
            try (LoadedModel loaded = LoadedModel.load(out, Device.cpu()); ModelSession s = loaded.newSession()) {
                float[][] got = s.forward(ids, false).logits();
                float[] flat = new float[want.length];
                for (int i = 0; i < got.length; i++) {
                    System.arraycopy(got[i], 0, flat, i * got[i].length, got[i].length);
                }
                assertArrayEquals(want, flat, 1e-4f);
            }
        }
    }
}
