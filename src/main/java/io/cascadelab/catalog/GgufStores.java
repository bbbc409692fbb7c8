package io.cascadelab.catalog;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * GGUF models other apps keep: Ollama's store ({@code OLLAMA_MODELS} or {@code ~/.ollama/models}:
 * manifests naming blob digests, models named like {@code qwen3:0.6b}) and LM Studio's models
 * folders ({@code ~/.lmstudio/models}, {@code ~/.cache/lm-studio/models}: publisher/repo/file.gguf).
 */
public final class GgufStores {

    private static final String MODEL_LAYER = "application/vnd.ollama.image.model";

    private final Path ollama;
    private final List<Path> lmStudio;

    /** Stores at these folders (tests). */
    public GgufStores(Path ollama, List<Path> lmStudio) {
        this.ollama = ollama;
        this.lmStudio = List.copyOf(lmStudio);
    }

    /** Override the Ollama store folder (tests). */
    public static final String OLLAMA_PROPERTY = "cascadelab.ollamaModels";
    /** Override the LM Studio models folder (tests). */
    public static final String LM_STUDIO_PROPERTY = "cascadelab.lmStudioModels";

    /** The stores of this computer. */
    public static GgufStores ofThisComputer() {
        GgufStores s = of(System.getenv(), System.getProperty("user.home"));
        String o = System.getProperty(OLLAMA_PROPERTY);
        String l = System.getProperty(LM_STUDIO_PROPERTY);
        return new GgufStores(o != null ? Path.of(o) : s.ollama, l != null ? List.of(Path.of(l)) : s.lmStudio);
    }

    static GgufStores of(Map<String, String> env, String home) {
        Path ollama = env.get("OLLAMA_MODELS") != null ? Path.of(env.get("OLLAMA_MODELS"))
                : Path.of(home, ".ollama", "models");
        return new GgufStores(ollama, List.of(Path.of(home, ".lmstudio", "models"),
                Path.of(home, ".cache", "lm-studio", "models")));
    }

    /** Where the stores are looked for. */
    public List<Path> roots() {
        List<Path> r = new ArrayList<>();
        r.add(ollama);
        r.addAll(lmStudio);
        return r;
    }

    /** Every GGUF model of both stores. */
    public List<LocalModel> models() {
        List<LocalModel> out = new ArrayList<>(ollamaModels());
        for (Path root : lmStudio) {
            out.addAll(lmStudioModels(root));
        }
        return out;
    }

    /**
     * The file of a model named as {@link #models()} names it: an Ollama name (its manifest's blob,
     * found without reading the other models) or an LM Studio path.
     */
    public java.util.Optional<Path> find(String id) {
        int colon = id.lastIndexOf(':');
        if (colon > 0 && !id.endsWith(".gguf")) {
            String[] parts = id.substring(0, colon).split("/");
            String tag = id.substring(colon + 1);
            String registry = parts.length == 3 ? parts[0] : "registry.ollama.ai";
            String ns = parts.length >= 2 ? parts[parts.length - 2] : "library";
            Path manifest = ollama.resolve("manifests").resolve(registry).resolve(ns)
                    .resolve(parts[parts.length - 1]).resolve(tag);
            return Files.isRegularFile(manifest) ? java.util.Optional.ofNullable(modelBlob(manifest))
                    : java.util.Optional.empty();
        }
        for (Path root : lmStudio) {
            Path f = root.resolve(id);
            if (Files.isRegularFile(f)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    private List<LocalModel> ollamaModels() {
        Path manifests = ollama.resolve("manifests");
        List<LocalModel> out = new ArrayList<>();
        if (!Files.isDirectory(manifests)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(manifests, 4)) {
            for (Path m : files.filter(Files::isRegularFile).sorted().toList()) {
                Path rel = manifests.relativize(m); // registry/namespace/model/tag
                if (rel.getNameCount() != 4) {
                    continue;
                }
                String name = name(rel);
                Path blob = modelBlob(m);
                out.add(blob == null
                        ? new LocalModel(name, m, "?", "?", 0, null, 0, m + " names no model layer, or its blob is missing")
                        : ModelInspector.inspectGguf(name, blob));
            }
        } catch (IOException e) {
            // an unreadable store has nothing to offer; the others are still listed
        }
        return out;
    }

    /** "qwen3:0.6b" for the default registry's library, else "[registry/]namespace/model:tag". */
    private static String name(Path rel) {
        String registry = rel.getName(0).toString(), ns = rel.getName(1).toString();
        String model = rel.getName(2).toString(), tag = rel.getName(3).toString();
        String base = ns.equals("library") ? model : ns + "/" + model;
        return (registry.equals("registry.ollama.ai") ? "" : registry + "/") + base + ":" + tag;
    }

    private Path modelBlob(Path manifest) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(manifest, StandardCharsets.UTF_8)).getAsJsonObject();
            for (JsonElement l : o.getAsJsonArray("layers")) {
                JsonObject layer = l.getAsJsonObject();
                if (MODEL_LAYER.equals(layer.get("mediaType").getAsString())) {
                    Path blob = ollama.resolve("blobs").resolve(layer.get("digest").getAsString().replace(':', '-'));
                    return Files.isRegularFile(blob) ? blob : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static List<LocalModel> lmStudioModels(Path root) {
        List<LocalModel> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root, 3)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".gguf")).sorted().toList()) {
                out.add(ModelInspector.inspectGguf(root.relativize(f).toString().replace('\\', '/'), f));
            }
        } catch (IOException e) {
            // as above
        }
        return out;
    }
}
