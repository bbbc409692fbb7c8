package io.cascadelab.gguf;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.cascadelab.model.DecoderWeights;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.TextTokenizer;
import io.cascadelab.model.WeightLoader;

import java.nio.file.Path;

/** Loads a GGUF file's model: config and tokenizer from its metadata, weights dequantised on load. */
public final class GgufModel {

    private GgufModel() {
    }

    /** The model config a GGUF file describes. */
    public static ModelConfig config(Path file) {
        return GgufConfig.read(GgufFile.open(file));
    }

    /** The tokenizer a GGUF file describes. */
    public static TextTokenizer tokenizer(Path file) {
        return GgufTokenizer.load(GgufFile.open(file));
    }

    /** Loads {@code file} onto {@code device}. */
    public static LoadedModel load(Path file, Device device) {
        GgufFile f = GgufFile.open(file);
        ModelConfig c = GgufConfig.read(f);
        TextTokenizer tokenizer = GgufTokenizer.load(f);
        NDManager manager = DjlEnvironment.engine().newBaseManager(device);
        try {
            DecoderWeights w = WeightLoader.load(new GgufTensors(f, c), c, manager);
            manager.cap();
            String name = file.getFileName().toString().replaceFirst("\\.gguf$", "");
            return LoadedModel.of(name, file.toAbsolutePath(), w, tokenizer);
        } catch (RuntimeException e) {
            manager.close();
            tokenizer.close();
            throw e;
        }
    }
}
