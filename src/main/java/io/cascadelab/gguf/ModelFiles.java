package io.cascadelab.gguf;

import ai.djl.Device;
import io.cascadelab.model.ComputeDType;
import io.cascadelab.model.LoadedModel;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a model from what the user points at: a Hugging Face folder or a GGUF file. */
public final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * True for a GGUF file: named *.gguf (a damaged one is then reported by the reader), or any
     * file starting with the GGUF magic, as Ollama's blobs (sha256-…) do.
     */
    public static boolean isGguf(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        if (p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gguf")) {
            return true;
        }
        byte[] head = new byte[4];
        try (java.io.InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(head, 0, 4) == 4 && head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F';
        } catch (java.io.IOException e) {
            return false; // unreadable: the folder loader's message says so
        }
    }

    /** Loads {@code p} (a model folder or a .gguf file) onto {@code device} in the configured compute dtype. */
    public static LoadedModel load(Path p, Device device) {
        return load(p, device, ComputeDType.configured());
    }

    /** Loads {@code p} (a model folder or a .gguf file) onto {@code device} computing in {@code dtype}. */
    public static LoadedModel load(Path p, Device device, ComputeDType dtype) {
        return isGguf(p) ? GgufModel.load(p, device, dtype) : LoadedModel.load(p, device, dtype);
    }
}
