package io.cascadelab.catalog;

import io.cascadelab.model.ModelLoadException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every model already on this computer: the Hugging Face cache, Ollama's store and LM Studio's folders. */
public final class LocalModels {

    private final HubCache hub;
    private final GgufStores gguf;

    public LocalModels(HubCache hub, GgufStores gguf) {
        this.hub = hub;
        this.gguf = gguf;
    }

    /** The stores of this computer. */
    public static LocalModels ofThisComputer() {
        return new LocalModels(HubCache.ofThisComputer(), GgufStores.ofThisComputer());
    }

    /** The Hugging Face cache. */
    public HubCache hub() {
        return hub;
    }

    /** The GGUF stores. */
    public GgufStores gguf() {
        return gguf;
    }

    /** All models, loadable or not. */
    public List<LocalModel> all() {
        List<LocalModel> out = new ArrayList<>(hub.models());
        out.addAll(gguf.models());
        return out;
    }

    /**
     * What the user named: an existing folder or file as it is, an Ollama name ("qwen3:0.6b") or
     * an LM Studio path in their stores, else a Hugging Face hub id in the cache.
     */
    public Path resolve(Path given) {
        if (Files.exists(given)) {
            return given;
        }
        String text = given.toString().replace('\\', '/');
        if (text.contains(":") || text.endsWith(".gguf")) {
            return gguf.find(text).orElseThrow(() -> new ModelLoadException(given + " is not a file, and no Ollama"
                    + " or LM Studio model is called " + text + " (looked in " + gguf.roots() + "); CascadeLab never"
                    + " downloads: `ollama pull` it first"));
        }
        return hub.resolve(given);
    }
}
