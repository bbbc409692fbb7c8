package io.cascadelab.gguf;

import ai.djl.Device;
import io.cascadelab.model.LoadedModel;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a model from what the user points at: a Hugging Face folder or a GGUF file. */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** True for a GGUF file. */
    public static boolean isGguf(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gguf");
    }

    /** Loads {@code p} (a model folder or a .gguf file) onto {@code device}. */
    public static LoadedModel load(Path p, Device device) {
        return isGguf(p) ? GgufModel.load(p, device) : LoadedModel.load(p, device);
    }
}
