package io.cascadelab.decode;

import ai.djl.Device;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.draft.MlpSpeculatorConfig;
import io.cascadelab.draft.MlpSpeculatorWeights;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.train.SpeculatorTrainer;
import io.cascadelab.train.TokenCorpus;
import io.cascadelab.train.TrainSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny target whose text a tiny speculator can learn, and speculators for it: random ones, and
 * one briefly trained by {@link SpeculatorTrainer}.
 */
final class TinySpeculator {

    /**
     * {@link LosslessGreedyTest}'s shape with a larger embedding (tied to the head) and damped block
     * outputs: the embedding dominates the residual stream, so the next token depends strongly on
     * the current one and a small speculator trained for a few seconds is right about 40% of the
     * time per head (without damping ~20%, without blocks the text collapses into loops).
     */
    static final LoadedModel TARGET = TinyFamily.model("target", LosslessGreedyTest.TARGET, learnableValues());

    private TinySpeculator() {
    }

    private static Map<String, float[]> learnableValues() {
        Map<String, float[]> v = TinyFamily.randomValues(LosslessGreedyTest.TARGET, 1, 0.35);
        v.forEach((name, a) -> {
            float f = name.contains("embed") ? 3 : name.contains("o_proj") || name.contains("down_proj") ? 0.5f : 1;
            for (int i = 0; i < a.length; i++) {
                a[i] *= f;
            }
        });
        return v;
    }


    /** A 3-head speculator (inner width 24, top-k 3/2/2, 4 candidates); scale_input for even seeds. */
    static MlpSpeculator random(boolean tie, long seed) {
        int vocab = LosslessGreedyTest.VOCAB;
        MlpSpeculatorConfig c = new MlpSpeculatorConfig(vocab, LosslessGreedyTest.TARGET.hiddenSize(), 24, 3,
                List.of(3, 2, 2), 4, tie, seed % 2 == 0);
        Random r = new Random(seed);
        Map<String, float[]> t = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            int s = MlpSpeculatorWeights.sharedIndex(c, i), p = MlpSpeculatorWeights.sharedProjIndex(c, i);
            t.computeIfAbsent(MlpSpeculatorWeights.embName(s), n -> gaussian(r, vocab * 24, 1, 0));
            t.computeIfAbsent(MlpSpeculatorWeights.projName(p), n -> gaussian(r, 24 * c.projInput(p), 0.4, 0));
            t.computeIfAbsent(MlpSpeculatorWeights.lnScaleName(s), n -> gaussian(r, 24, 0.1, 1));
            t.computeIfAbsent(MlpSpeculatorWeights.lnBiasName(s), n -> gaussian(r, 24, 0.1, 0));
            t.computeIfAbsent(MlpSpeculatorWeights.headName(s), n -> gaussian(r, vocab * 24, 0.8, 0));
        }
        return MlpSpeculator.of(tie ? "spec-tied" : "spec", MlpSpeculatorWeights.fromValues(c,
                DjlEnvironment.engine().newBaseManager(Device.cpu()), t));
    }

    /**
     * A tied 3-head speculator trained briefly (stage 2 only, on the target's greedy continuations)
     * for {@link #TARGET}, so that it is often right: reviews then accept prefixes, take bonus
     * tokens and choose among tree candidates.
     */
    static MlpSpeculator trained() {
        Path work = null;
        try {
            work = Files.createTempDirectory("tiny-speculator");
            int[] train = LosslessGreedyTest.prompt(101, 4000);
            int[] validation = LosslessGreedyTest.prompt(102, 1000);
            MlpSpeculatorConfig c = new MlpSpeculatorConfig(LosslessGreedyTest.VOCAB, LosslessGreedyTest.TARGET.hiddenSize(),
                    32, 3, List.of(3, 2, 2), 4, true, false);
            TrainSettings t = new TrainSettings(150, 8, 16, 5e-3, 10, 0.1, 0.1, 0.9, 0.95, 1.0, 10_000, 1, 3);
            SpeculatorTrainer.Settings s = new SpeculatorTrainer.Settings(c, t, 0, 8, 8, 40, 0);
            SpeculatorTrainer tr = new SpeculatorTrainer(TARGET, s, new TokenCorpus(train, validation),
                    work);
            tr.run(p -> { }, () -> false);
            // keep the weights, release the optimiser: copy into a speculator of its own
            MlpSpeculatorWeights w = MlpSpeculatorWeights.fromValues(c,
                    DjlEnvironment.engine().newBaseManager(Device.cpu()), tr.weights().hfValues());
            tr.close();
            return MlpSpeculator.of("spec-trained", w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (work != null) {
                try (var files = Files.walk(work)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // a temp folder left behind is harmless
                }
            }
        }
    }

    private static float[] gaussian(Random r, int n, double std, double mean) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (mean + r.nextGaussian() * std);
        }
        return a;
    }
}
