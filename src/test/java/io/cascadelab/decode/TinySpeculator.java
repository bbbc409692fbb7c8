package io.cascadelab.decode;

import ai.djl.Device;
import io.cascadelab.draft.MlpSpeculator;
import io.cascadelab.draft.MlpSpeculatorConfig;
import io.cascadelab.draft.MlpSpeculatorWeights;
import io.cascadelab.model.DjlEnvironment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random MLP speculators for the tiny target of {@link LosslessGreedyTest}. */
final class TinySpeculator {

    private TinySpeculator() {
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

    private static float[] gaussian(Random r, int n, double std, double mean) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (mean + r.nextGaussian() * std);
        }
        return a;
    }
}
