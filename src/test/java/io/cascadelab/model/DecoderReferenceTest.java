package io.cascadelab.model;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DJL decoder against the plain-Java double-precision Llama reference, and its KV cache. */
class DecoderReferenceTest {

    @TempDir
    Path dir;

    private static int[] randomTokens(int n, int vocab, long seed) {
        Random r = new Random(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(vocab);
        }
        return t;
    }

    private static double maxRelErr(float[][] got, double[][] want) {
        double scale = 0, err = 0;
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                scale = Math.max(scale, Math.abs(want[i][j]));
                err = Math.max(err, Math.abs(got[i][j] - want[i][j]));
            }
        }
        return err / scale;
    }

    @Test
    void gqaLlamaMatchesPlainJavaReference() throws Exception {
        check(TinyModels.Spec.small(), 11);
    }

    @Test
    void tiedLlamaWithQkvBiasMatchesReference() throws Exception {
        check(new TinyModels.Spec(280, 48, 3, 6, 3, 64, 64, true, true, 500000), 12);
    }

    private void check(TinyModels.Spec spec, long seed) throws Exception {
        Map<String, float[]> tensors = TinyModels.writeLlama(dir, spec, seed, TensorDType.F32);
        int[] tokens = randomTokens(17, spec.vocab(), seed);
        double[][] want = new LlamaReference(tensors, spec).logits(tokens);
        try (LoadedModel m = LoadedModel.load(dir, Device.cpu()); ModelSession s = m.newSession()) {
            float[][] got = s.forward(tokens, false).logits();
            double rel = maxRelErr(got, want);
            assertTrue(rel <= 1e-4, "max relative error " + rel);
        }
    }

    @Test
    void incrementalDecodingEqualsOneFullForward() throws Exception {
        TinyModels.Spec spec = TinyModels.Spec.small();
        TinyModels.writeLlama(dir, spec, 5, TensorDType.F32);
        int[] tokens = randomTokens(20, spec.vocab(), 6);
        try (LoadedModel m = LoadedModel.load(dir, Device.cpu());
             ModelSession full = m.newSession(); ModelSession inc = m.newSession()) {
            float[][] all = full.forward(tokens, false).logits();
            int pos = 0;
            int[] chunks = {5, 1, 3, 1, 1, 4, 5};
            for (int c : chunks) {
                int[] part = java.util.Arrays.copyOfRange(tokens, pos, pos + c);
                float[][] got = inc.forward(part, false).logits();
                for (int i = 0; i < c; i++) {
                    assertArrayEquals(all[pos + i], got[i], 2e-4f, "position " + (pos + i));
                }
                pos += c;
            }
            assertEquals(20, inc.length());
        }
    }

    @Test
    void truncateThenRefeedEqualsFreshRun() throws Exception {
        TinyModels.Spec spec = TinyModels.Spec.small();
        TinyModels.writeLlama(dir, spec, 7, TensorDType.F32);
        int[] prefix = randomTokens(10, spec.vocab(), 8);
        int[] rejected = randomTokens(6, spec.vocab(), 9);
        int[] accepted = randomTokens(4, spec.vocab(), 10);
        try (LoadedModel m = LoadedModel.load(dir, Device.cpu());
             ModelSession s = m.newSession(); ModelSession fresh = m.newSession()) {
            s.forward(prefix, false);
            s.forward(rejected, false);
            s.truncate(prefix.length);
            float[][] got = s.forward(accepted, false).logits();
            fresh.forward(prefix, false);
            float[][] want = fresh.forward(accepted, false).logits();
            for (int i = 0; i < accepted.length; i++) {
                assertArrayEquals(want[i], got[i], 1e-5f);
            }
        }
    }
}
