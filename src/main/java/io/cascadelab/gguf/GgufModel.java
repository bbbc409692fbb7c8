package io.cascadelab.gguf;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.cascadelab.model.ComputeDType;
import io.cascadelab.model.DecoderWeights;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.model.TextTokenizer;
import io.cascadelab.model.WeightLoader;

import java.nio.file.Path;

/** Loads a GGUF file's model: config and tokenizer from its metadata, weights dequantised on load. */
public final class GgufModel {

    private GgufModel() {
    }

    private static String gb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    /** The model config a GGUF file describes. */
    public static ModelConfig config(Path file) {
        return config(GgufFile.open(file));
    }

    /** The model config of an opened GGUF file. */
    public static ModelConfig config(GgufFile file) {
        return GgufConfig.read(file);
    }

    /** The tokenizer a GGUF file describes. */
    public static TextTokenizer tokenizer(Path file) {
        return GgufTokenizer.load(GgufFile.open(file));
    }

    /**
     * Bytes the model takes in memory once loaded: every tensor dequantised to the configured
     * {@link ComputeDType} (F32 unless asked), plus the largest tensor twice in F32 while it is converted.
     */
    public static long memoryNeeded(Path file) {
        return memoryNeeded(GgufFile.open(file), ComputeDType.configured());
    }

    private static long memoryNeeded(GgufFile f, ComputeDType dtype) {
        long total = 0, largest = 0;
        for (GgufTensor t : f.tensors()) {
            total += t.count() * dtype.bytes();
            largest = Math.max(largest, t.count() * 4);
        }
        return total + 2 * largest;
    }

    /** Loads {@code file} onto {@code device}, refusing up front when it will not fit in the memory available. */
    public static LoadedModel load(Path file, Device device) {
        return load(file, device, ComputeDType.configured());
    }

    /** As {@link #load(Path, Device)}, computing in {@code dtype}. */
    public static LoadedModel load(Path file, Device device, ComputeDType dtype) {
        return load(file, device, dtype, MemoryInfo.availableBytes());
    }

    static LoadedModel load(Path file, Device device, ComputeDType dtype, long availableBytes) {
        GgufFile f = GgufFile.open(file);
        ModelConfig c = GgufConfig.read(f);
        long needed = memoryNeeded(f, dtype);
        if (availableBytes > 0 && needed > availableBytes) {
            throw new ModelLoadException(file + ": loading takes about " + gb(needed) + " (its " + gb(f.dataBytes())
                    + " of weights dequantised to " + dtype.name() + ") but " + gb(availableBytes) + " are available: pick a smaller"
                    + " model, or free memory");
        }
        TextTokenizer tokenizer = GgufTokenizer.load(f);
        NDManager manager = DjlEnvironment.engine().newBaseManager(device);
        try {
            DecoderWeights w = WeightLoader.load(new GgufTensors(f, c), c, manager, dtype);
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
