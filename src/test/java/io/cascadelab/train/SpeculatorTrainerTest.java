package io.cascadelab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.draft.MlpSpeculatorConfig;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.TensorDType;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two-stage speculator training on a tiny random target and a corpus the target did not write. */
class SpeculatorTrainerTest {

    static final int VOCAB = 64;
    static final ModelConfig CONFIG = new ModelShape(VOCAB, 32, 2, 4, 4, 64, 128, true).toConfig(-1, VOCAB - 1);
    static final LoadedModel target = tinyTarget();

    @TempDir
    Path dir;

    /**
     * A random Llama whose large tied embedding dominates the residual stream: its next-token
     * distributions are peaked and depend mostly on the current token, so its text is learnable.
     */
    static LoadedModel tinyTarget() {
        NDManager m = DjlEnvironment.engine().newBaseManager(Device.cpu());
        Map<String, float[]> v = LlamaParameters.init(CONFIG, m, 1).snapshot();
        Random r = new Random(1);
        v.replaceAll((name, a) -> {
            if (name.contains("norm")) {
                return a;
            }
            float[] b = a.clone();
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (r.nextGaussian() * (name.contains("embed") ? 1.0 : 0.35));
            }
            return b;
        });
        return LoadedModel.of("tiny", Path.of("tiny"), LlamaParameters.fromValues(CONFIG, m, v).weights(), null);
    }

    @AfterAll
    static void close() {
        target.close();
    }

    /** Text from a random bigram chain: structured, but not what the target would write. */
    static TokenCorpus corpus() {
        Random r = new Random(7);
        int[][] next = new int[VOCAB][3];
        for (int[] n : next) {
            for (int j = 0; j < n.length; j++) {
                n[j] = r.nextInt(VOCAB);
            }
        }
        int[] all = new int[12_000];
        all[0] = 0;
        for (int i = 1; i < all.length; i++) {
            all[i] = next[all[i - 1]][r.nextInt(3)];
        }
        return new TokenCorpus(java.util.Arrays.copyOf(all, 10_000), java.util.Arrays.copyOfRange(all, 10_000, 12_000));
    }

    static SpeculatorTrainer.Settings settings(int stage1, int stage2, boolean tie) {
        MlpSpeculatorConfig c = MlpSpeculatorConfig.of(VOCAB, 32, 32, 3, tie, false);
        TrainSettings t = new TrainSettings(stage1 + stage2, 8, 24, 3e-3, 10, 0.1, 0.1, 0.9, 0.95, 1.0, 1000, 2, 5);
        return new SpeculatorTrainer.Settings(c, t, stage1, 8, 8, 28, 1.0);
    }

    @Test
    void stage2LowersEveryHeadsLossOnTargetTextBelowStage1() throws Exception {
        SpeculatorTrainer.Result r;
        try (SpeculatorTrainer tr = new SpeculatorTrainer(target, settings(60, 60, true), corpus(), dir.resolve("work"))) {
            r = tr.run(p -> { }, () -> false);
        }
        double[] after1 = r.afterStage1().generated().loss();
        double[] after2 = r.afterStage2().generated().loss();
        for (int i = 0; i < after1.length; i++) {
            assertTrue(after2[i] < after1[i], "head " + i + ": loss on target text " + after1[i] + " after stage 1, "
                    + after2[i] + " after stage 2");
        }
        assertTrue(r.afterStage1().corpus().accuracy()[0] > 1.0 / VOCAB * 3, "stage 1 learnt the corpus: "
                + r.afterStage1().corpus().accuracy()[0]);
    }

    @Test
    void anInterruptedRunResumesToTheSameWeights() throws Exception {
        float[] straight;
        try (SpeculatorTrainer tr = new SpeculatorTrainer(target, settings(6, 6, false), corpus(), dir.resolve("a"))) {
            tr.run(p -> { }, () -> false);
            straight = tr.weights().head().get(2).toFloatArray();
        }
        AtomicInteger steps = new AtomicInteger();
        try (SpeculatorTrainer tr = new SpeculatorTrainer(target, settings(6, 6, false), corpus(), dir.resolve("b"))) {
            SpeculatorTrainer.Result r = tr.run(p -> steps.incrementAndGet(), () -> steps.get() >= 8);
            assertTrue(r.cancelled());
            assertEquals(8, r.steps());
        }
        try (SpeculatorTrainer tr = new SpeculatorTrainer(target, settings(6, 6, false), corpus(), dir.resolve("b"))) {
            assertEquals(8, tr.step());
            SpeculatorTrainer.Result r = tr.run(p -> { }, () -> false);
            assertFalse(r.cancelled());
            assertTrue(r.afterStage1() != null, "the stage-1 evaluation survives the resume");
            assertArrayEquals(straight, tr.weights().head().get(2).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void exportWritesAHuggingFaceSpeculatorForTheTarget() throws Exception {
        Path out = dir.resolve("speculator");
        try (SpeculatorTrainer tr = new SpeculatorTrainer(target, settings(3, 2, true), corpus(), dir.resolve("w"))) {
            SpeculatorTrainer.Result r = tr.run(p -> { }, () -> false);
            tr.export(out, TensorDType.F32, r, null);
            try (MlpSpeculator s = MlpSpeculator.load(out, Device.cpu())) {
                s.checkTarget(target.config(), target.name());
                assertEquals(tr.weights().config(), s.config());
                float[] h = new float[32];
                h[3] = 1;
                try (MlpSpeculator.Chain a = s.chain(h)) {
                    float[] fromFile = a.next(5);
                    MlpSpeculator live = MlpSpeculator.of("live", tr.weights());
                    try (MlpSpeculator.Chain b = live.chain(h)) {
                        assertArrayEquals(b.next(5), fromFile);
                    }
                }
            }
        }
        JsonObject t = Json.read(out.resolve("training.json"));
        assertEquals(3, t.getAsJsonObject("after_stage2").getAsJsonObject("generated").getAsJsonArray("accuracy").size());
        assertTrue(t.has("after_stage1"));
    }
}
