package io.cascadelab.draft;

import io.cascadelab.model.SafetensorsWriter;
import io.cascadelab.model.TensorDType;
import io.cascadelab.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a speculator in the Hugging Face format that {@link MlpSpeculatorLoader} (and vLLM /
 * fms-extras) read: config.json and model.safetensors. Tied weights are stored once, under their
 * shared index (emb/ln/head 0, proj 0 and 1), as vLLM's tied speculator names them.
 */
public final class MlpSpeculatorWriter {

    private MlpSpeculatorWriter() {
    }

    /** Writes {@code weights} to {@code dir} in {@code dtype} (F32 or F16). */
    public static void write(Path dir, MlpSpeculatorWeights weights, TensorDType dtype) throws IOException {
        Files.createDirectories(dir);
        MlpSpeculatorConfig c = weights.config();
        SafetensorsWriter w = new SafetensorsWriter();
        for (Map.Entry<String, float[]> e : weights.hfValues().entrySet()) {
            w.add(e.getKey(), e.getValue(), MlpSpeculatorWeights.hfShape(c, e.getKey()));
        }
        w.write(dir.resolve("model.safetensors"), dtype);
        Json.writeAtomically(dir.resolve("config.json"), c.toJson(dtype == TensorDType.F16 ? "float16" : "float32"));
    }
}
