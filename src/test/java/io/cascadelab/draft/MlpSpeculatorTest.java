package io.cascadelab.draft;

import ai.djl.Device;
import com.google.gson.JsonObject;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.model.SafetensorsWriter;
import io.cascadelab.model.TensorDType;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DJL speculator against the double-precision reference of the equations, and its checkpoint format. */
class MlpSpeculatorTest {

    static final int V = 40, DE = 12, D = 8;

    @TempDir
    Path dir;

    /** Random HF tensors: every index when untied, only the shared ones when tied. */
    static Map<String, float[]> randomTensors(MlpSpeculatorConfig c, long seed) {
        Random r = new Random(seed);
        Map<String, float[]> t = new LinkedHashMap<>();
        for (int i = 0; i < c.nPredict(); i++) {
            int s = MlpSpeculatorWeights.sharedIndex(c, i);
            int p = MlpSpeculatorWeights.sharedProjIndex(c, i);
            t.computeIfAbsent(MlpSpeculatorWeights.embName(s), n -> gaussian(r, c.vocabSize() * c.innerDim(), 1.0, 0));
            t.computeIfAbsent(MlpSpeculatorWeights.projName(p), n -> gaussian(r, c.innerDim() * c.projInput(p), 0.5, 0));
            t.computeIfAbsent(MlpSpeculatorWeights.lnScaleName(s), n -> gaussian(r, c.innerDim(), 0.3, 1));
            t.computeIfAbsent(MlpSpeculatorWeights.lnBiasName(s), n -> gaussian(r, c.innerDim(), 0.3, 0));
            t.computeIfAbsent(MlpSpeculatorWeights.headName(s), n -> gaussian(r, c.vocabSize() * c.innerDim(), 0.8, 0));
        }
        return t;
    }

    static float[] gaussian(Random r, int n, double std, double mean) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (mean + r.nextGaussian() * std);
        }
        return a;
    }

    static MlpSpeculator inMemory(MlpSpeculatorConfig c, Map<String, float[]> t) {
        return MlpSpeculator.of("spec", MlpSpeculatorWeights.fromValues(c,
                DjlEnvironment.engine().newBaseManager(Device.cpu()), t));
    }

    static float[][] chainLogits(MlpSpeculator s, float[] hidden, int[] tokens) {
        try (MlpSpeculator.Chain c = s.chain(hidden)) {
            float[][] out = new float[tokens.length][];
            for (int i = 0; i < tokens.length; i++) {
                out[i] = c.next(tokens[i]);
            }
            return out;
        }
    }

    static double maxRelErr(float[][] got, double[][] want) {
        double scale = 0, err = 0;
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                scale = Math.max(scale, Math.abs(want[i][j]));
                err = Math.max(err, Math.abs(got[i][j] - want[i][j]));
            }
        }
        return err / scale;
    }

    @ParameterizedTest(name = "tie_weights={0}, scale_input={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void djlHeadsEqualDoublePrecisionReference(boolean tie, boolean scale) {
        MlpSpeculatorConfig c = MlpSpeculatorConfig.of(V, DE, D, 4, tie, scale);
        Map<String, float[]> t = randomTensors(c, 3);
        SpeculatorReference ref = new SpeculatorReference(t, V, DE, D, 4, tie, scale);
        Random r = new Random(5);
        try (MlpSpeculator s = inMemory(c, t)) {
            for (int trial = 0; trial < 5; trial++) {
                float[] hidden = gaussian(r, DE, 3.0, 0.5);
                int[] tokens = {r.nextInt(V), r.nextInt(V), r.nextInt(V), r.nextInt(V)};
                double rel = maxRelErr(chainLogits(s, hidden, tokens), ref.logits(hidden, tokens));
                assertTrue(rel < 1e-5, "max relative error " + rel);
            }
        }
    }

    @Test
    void alphaComesFromTheCheckpointsHeadCountEvenWhenFewerHeadsRun() {
        MlpSpeculatorConfig c = MlpSpeculatorConfig.of(V, DE, D, 5, false, false);
        Map<String, float[]> t = randomTensors(c, 4);
        float[] hidden = gaussian(new Random(1), DE, 1.0, 0);
        int[] two = {3, 7};
        double[][] want = new SpeculatorReference(t, V, DE, D, 5, false, false).logits(hidden, two);
        try (MlpSpeculator s = inMemory(c, t)) {
            assertTrue(maxRelErr(chainLogits(s, hidden, two), want) < 1e-5);
        }
        assertEquals(Math.sqrt((1 - Math.pow(0.5, 0.2)) * D / 2) / Math.pow(0.5, 0.1), c.alpha(), 1e-12);
    }

    @Test
    void candidateTreeKeepsTheBestSummedLogProbabilities() {
        MlpSpeculatorConfig c = MlpSpeculatorConfig.of(V, DE, D, 3, true, false);
        Map<String, float[]> t = randomTensors(c, 6);
        SpeculatorReference ref = new SpeculatorReference(t, V, DE, D, 3, true, false);
        float[] hidden = gaussian(new Random(2), DE, 1.0, 0);
        int last = 11;
        List<Integer> topK = List.of(3, 2, 2);
        // brute force over the reference: expand each path by its head's top-k, score every leaf
        List<int[]> paths = new ArrayList<>(List.of(new int[0]));
        for (int h = 0; h < 3; h++) {
            List<int[]> next = new ArrayList<>();
            for (int[] p : paths) {
                int[] feed = feed(last, p);
                double[] lp = logSoftmax(ref.logits(hidden, feed)[h]);
                for (int tok : top(lp, topK.get(h))) {
                    int[] q = java.util.Arrays.copyOf(p, h + 1);
                    q[h] = tok;
                    next.add(q);
                }
            }
            paths = next;
        }
        Map<int[], Double> score = new LinkedHashMap<>();
        for (int[] p : paths) {
            double[][] l = ref.logits(hidden, feed(last, p));
            double sum = 0;
            for (int h = 0; h < 3; h++) {
                sum += logSoftmax(l[h])[p[h]];
            }
            score.put(p, sum);
        }
        List<int[]> want = new ArrayList<>(paths);
        want.sort(Comparator.comparingDouble(p -> -score.get(p)));
        try (MlpSpeculator s = inMemory(c, t)) {
            List<MlpSpeculator.Candidate> got = s.candidates(hidden, last, topK, 5);
            assertEquals(5, got.size());
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(want.get(i), got.get(i).tokens(), "candidate " + i);
                assertEquals(score.get(want.get(i)), got.get(i).logProb(), 1e-4);
                assertEquals(3, got.get(i).heads().size());
                for (int h = 0; h < 3; h++) {
                    int tok = got.get(i).tokens()[h];
                    assertTrue(java.util.Arrays.stream(got.get(i).heads().get(h).tokens()).anyMatch(x -> x == tok),
                            "head " + h + "'s top-k holds the candidate's token");
                }
            }
        }
    }

    private static int[] feed(int last, int[] path) {
        int[] f = new int[path.length + 1];
        f[0] = last;
        System.arraycopy(path, 0, f, 1, path.length);
        return f;
    }

    private static double[] logSoftmax(double[] l) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : l) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (double x : l) {
            sum += Math.exp(x - max);
        }
        double[] o = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            o[i] = l[i] - max - Math.log(sum);
        }
        return o;
    }

    private static int[] top(double[] v, int k) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, Comparator.comparingDouble(i -> -v[i]));
        int[] o = new int[k];
        for (int i = 0; i < k; i++) {
            o[i] = idx[i];
        }
        return o;
    }

    @ParameterizedTest(name = "tie_weights={0}")
    @CsvSource({"false", "true"})
    void writtenCheckpointReadsBackWithIdenticalProposals(boolean tie) throws Exception {
        MlpSpeculatorConfig c = MlpSpeculatorConfig.of(V, DE, D, 3, tie, true);
        Map<String, float[]> t = randomTensors(c, 8);
        float[] hidden = gaussian(new Random(3), DE, 2.0, 0);
        int[] tokens = {1, 2, 3};
        try (MlpSpeculator a = inMemory(c, t)) {
            MlpSpeculatorWriter.write(dir, a.weights(), TensorDType.F32);
            try (MlpSpeculator b = MlpSpeculator.load(dir, Device.cpu())) {
                assertEquals(c, b.config());
                float[][] la = chainLogits(a, hidden, tokens);
                float[][] lb = chainLogits(b, hidden, tokens);
                for (int i = 0; i < tokens.length; i++) {
                    assertArrayEquals(la[i], lb[i], "head " + i);
                }
                List<MlpSpeculator.Candidate> ca = a.candidates(hidden, 5, c.topKPerHead(), c.nCandidates());
                List<MlpSpeculator.Candidate> cb = b.candidates(hidden, 5, c.topKPerHead(), c.nCandidates());
                for (int i = 0; i < ca.size(); i++) {
                    assertArrayEquals(ca.get(i).tokens(), cb.get(i).tokens());
                    assertEquals(ca.get(i).logProb(), cb.get(i).logProb());
                }
                assertEquals(a.parameterCount(), b.parameterCount());
            }
        }
        JsonObject cfg = Json.read(dir.resolve("config.json"));
        assertEquals("mlp_speculator", cfg.get("model_type").getAsString());
        assertEquals(tie, cfg.get("tie_weights").getAsBoolean());
    }

    @Test
    void tiedCheckpointStoringEveryIndexWithoutPrefixLoadsLikeTheSharedOnes() throws Exception {
        MlpSpeculatorConfig c = new MlpSpeculatorConfig(V, DE, D, 3, List.of(2, 2, 2), 3, true, false);
        Map<String, float[]> t = randomTensors(c, 9);
        SafetensorsWriter w = new SafetensorsWriter();
        for (int i = 0; i < 3; i++) { // every index stored, without the "speculator." prefix
            w.add("emb." + i + ".weight", t.get(MlpSpeculatorWeights.embName(0)), V, D);
            int p = i >= 2 ? 1 : i;
            w.add("proj." + i + ".weight", t.get(MlpSpeculatorWeights.projName(p)), D, c.projInput(p));
            w.add("ln." + i + ".weight", t.get(MlpSpeculatorWeights.lnScaleName(0)), D);
            w.add("ln." + i + ".bias", t.get(MlpSpeculatorWeights.lnBiasName(0)), D);
            w.add("head." + i + ".weight", t.get(MlpSpeculatorWeights.headName(0)), V, D);
        }
        w.write(dir.resolve("model.safetensors"), TensorDType.F16);
        JsonObject cfg = new JsonObject(); // no tie/scale defaults needed beyond what is given
        cfg.addProperty("model_type", "mlp_speculator");
        cfg.addProperty("vocab_size", V);
        cfg.addProperty("emb_dim", DE);
        cfg.addProperty("inner_dim", D);
        cfg.addProperty("n_predict", 3);
        cfg.addProperty("tie_weights", true);
        Json.writeAtomically(dir.resolve("config.json"), cfg);
        float[] hidden = gaussian(new Random(4), DE, 1.0, 0);
        try (MlpSpeculator s = MlpSpeculator.load(dir, Device.cpu())) {
            assertTrue(s.config().tieWeights());
            assertFalse(s.config().scaleInput());
            assertEquals(List.of(5, 4, 3), s.config().topKPerHead());
            double[][] want = new SpeculatorReference(t, V, DE, D, 3, true, false).logits(hidden, new int[] {4, 5, 6});
            assertTrue(maxRelErr(chainLogits(s, hidden, new int[] {4, 5, 6}), want) < 5e-3, "F16 weights");
        }
    }

    @Test
    void innerDimZeroMeansEmbDimAndMissingFlagsDefaultToFalse() throws Exception {
        JsonObject cfg = new JsonObject();
        cfg.addProperty("model_type", "mlp_speculator");
        cfg.addProperty("vocab_size", V);
        cfg.addProperty("emb_dim", DE);
        cfg.addProperty("inner_dim", 0);
        cfg.addProperty("n_predict", 2);
        Files.createDirectories(dir);
        Json.writeAtomically(dir.resolve("config.json"), cfg);
        MlpSpeculatorConfig c = MlpSpeculatorConfig.read(dir);
        assertEquals(DE, c.innerDim());
        assertFalse(c.tieWeights());
        assertFalse(c.scaleInput());
        assertEquals(5, c.nCandidates());
    }

    @Test
    void missingTensorIsNamedWithTheFolder() throws Exception {
        MlpSpeculatorConfig c = MlpSpeculatorConfig.of(V, DE, D, 3, false, false);
        Map<String, float[]> t = randomTensors(c, 1);
        t.remove(MlpSpeculatorWeights.headName(2));
        writeRaw(c, t);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> MlpSpeculator.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("speculator.head.2.weight") && e.getMessage().contains(dir.toString()),
                e.getMessage());
    }

    @Test
    void wrongTensorShapeIsNamedWithTheFile() throws Exception {
        MlpSpeculatorConfig c = MlpSpeculatorConfig.of(V, DE, D, 2, false, false);
        Map<String, float[]> t = randomTensors(c, 1);
        SafetensorsWriter w = new SafetensorsWriter();
        t.forEach((n, a) -> {
            long[] shape = MlpSpeculatorWeights.hfShape(c, n);
            if (n.equals(MlpSpeculatorWeights.projName(0))) {
                shape = new long[] {shape[1], shape[0]}; // stored transposed by mistake
            }
            w.add(n, a, shape);
        });
        w.write(dir.resolve("model.safetensors"), TensorDType.F32);
        Json.writeAtomically(dir.resolve("config.json"), c.toJson("float32"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> MlpSpeculator.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("speculator.proj.0.weight"),
                e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherKindIsRefused() throws Exception {
        JsonObject cfg = new JsonObject();
        cfg.addProperty("model_type", "llama");
        Json.writeAtomically(dir.resolve("config.json"), cfg);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> MlpSpeculator.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("mlp_speculator") && e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void aTargetOfAnotherWidthOrVocabularyIsRefused() {
        MlpSpeculatorConfig c = MlpSpeculatorConfig.of(V, DE, D, 2, false, false);
        try (MlpSpeculator s = inMemory(c, randomTensors(c, 1))) {
            ModelConfig wide = io.cascadelab.train.ModelShape.parse("layers=1,hidden=16,heads=2", V).toConfig(-1, 0);
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> s.checkTarget(wide, "big"));
            assertTrue(e.getMessage().contains("emb_dim is 12") && e.getMessage().contains("hidden size 16"), e.getMessage());
            ModelConfig otherVocab = io.cascadelab.train.ModelShape.parse("layers=1,hidden=12,heads=2", V + 1).toConfig(-1, 0);
            e = assertThrows(ModelLoadException.class, () -> s.checkTarget(otherVocab, "t"));
            assertTrue(e.getMessage().contains("vocab_size is 40"), e.getMessage());
        }
    }

    private void writeRaw(MlpSpeculatorConfig c, Map<String, float[]> t) throws Exception {
        SafetensorsWriter w = new SafetensorsWriter();
        t.forEach((n, a) -> w.add(n, a, MlpSpeculatorWeights.hfShape(c, n)));
        w.write(dir.resolve("model.safetensors"), TensorDType.F32);
        Json.writeAtomically(dir.resolve("config.json"), c.toJson("float32"));
    }
}
