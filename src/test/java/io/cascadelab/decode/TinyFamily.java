package io.cascadelab.decode;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.train.LlamaParameters;
import io.cascadelab.train.ModelShape;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * In-memory tiny Llama families for engine tests: a target and drafts made by perturbing the
 * target's weights, so drafts agree with the target often but not always.
 */
public final class TinyFamily {

    private TinyFamily() {
    }

    /** A random target of vocabulary {@code vocab}. */
    public static Map<String, float[]> randomValues(ModelConfig c, long seed, double scale) {
        try (NDManager m = DjlEnvironment.engine().newBaseManager(Device.cpu())) {
            Map<String, float[]> v = LlamaParameters.init(c, m, seed).snapshot();
            // Larger weights than a fresh init so the distributions are peaked and varied.
            Random r = new Random(seed);
            v.replaceAll((name, a) -> {
                if (name.contains("norm")) {
                    return a;
                }
                float[] b = a.clone();
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (r.nextGaussian() * scale);
                }
                return b;
            });
            return v;
        }
    }

    /** {@code base} plus Gaussian noise of relative size {@code noise}. */
    public static Map<String, float[]> perturbed(Map<String, float[]> base, double noise, long seed) {
        Random r = new Random(seed);
        Map<String, float[]> out = new LinkedHashMap<>();
        base.forEach((name, a) -> {
            float[] b = a.clone();
            double std = 0;
            for (float x : a) {
                std += x * x;
            }
            std = Math.sqrt(std / a.length);
            for (int i = 0; i < b.length; i++) {
                b[i] += (float) (r.nextGaussian() * noise * std);
            }
            out.put(name, b);
        });
        return out;
    }

    public static ModelConfig config(int vocab, int hidden, int layers, int heads) {
        return new ModelShape(vocab, hidden, layers, heads, heads, hidden * 2, 256, true).toConfig(-1, vocab - 1);
    }

    /**
     * A family of its own (callers close it): a random target of vocabulary 64, drafts "d1" (close to
     * the target) and "d2" (further away), and a bigram table of a random token stream.
     */
    public static ModelFamily family() {
        int vocab = 64;
        ModelConfig c = config(vocab, 32, 2, 4);
        Map<String, float[]> base = randomValues(c, 1, 0.35);
        LoadedModel target = model("target", c, base);
        LoadedModel d1 = model("d1", c, perturbed(base, 0.15, 2));
        LoadedModel d2 = model("d2", c, perturbed(base, 0.4, 3));
        Random r = new Random(4);
        int[] stream = new int[2000];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = r.nextInt(vocab);
        }
        return new ModelFamily(target, java.util.List.of(d1, d2), io.cascadelab.draft.BigramTable.build(vocab, stream));
    }

    /** A model held in memory (no tokenizer). */
    public static LoadedModel model(String name, ModelConfig c, Map<String, float[]> values) {
        NDManager m = DjlEnvironment.engine().newBaseManager(Device.cpu());
        return LoadedModel.of(name, Path.of(name), LlamaParameters.fromValues(c, m, values).weights(), null);
    }
}
