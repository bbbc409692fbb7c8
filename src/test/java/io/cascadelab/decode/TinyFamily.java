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
final class TinyFamily {

    private TinyFamily() {
    }

    /** A random target of vocabulary {@code vocab}. */
    static Map<String, float[]> randomValues(ModelConfig c, long seed, double scale) {
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
    static Map<String, float[]> perturbed(Map<String, float[]> base, double noise, long seed) {
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

    static ModelConfig config(int vocab, int hidden, int layers, int heads) {
        return new ModelShape(vocab, hidden, layers, heads, heads, hidden * 2, 256, true).toConfig(-1, vocab - 1);
    }

    /** A model held in memory (no tokenizer). */
    static LoadedModel model(String name, ModelConfig c, Map<String, float[]> values) {
        NDManager m = DjlEnvironment.engine().newBaseManager(Device.cpu());
        return LoadedModel.of(name, Path.of(name), LlamaParameters.fromValues(c, m, values).weights(), null);
    }
}
