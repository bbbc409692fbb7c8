package io.cascadelab.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ollama's store and LM Studio's folders are found, named as those apps name them, and grouped by tokenizer with the HF cache. */
class GgufStoresTest {

    static final Path GGUF = Path.of("src/test/resources/gguf");

    @TempDir
    Path home;

    private Path ollama() throws Exception {
        Path store = home.resolve(".ollama/models");
        Path blobs = Files.createDirectories(store.resolve("blobs"));
        Files.copy(GGUF.resolve("llama-f32.gguf"), blobs.resolve("sha256-0a1b2c"));
        Path manifest = Files.createDirectories(store.resolve("manifests/registry.ollama.ai/library/llama3"))
                .resolve("tiny");
        Files.writeString(manifest, "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"application/vnd.ollama.image"
                + ".template\",\"digest\":\"sha256:ffff\"},{\"mediaType\":\"application/vnd.ollama.image.model\","
                + "\"digest\":\"sha256:0a1b2c\",\"size\":1}]}");
        Path lm = Files.createDirectories(home.resolve(".lmstudio/models/Qwen/Qwen2-GGUF"));
        Files.copy(GGUF.resolve("qwen2-q8_0.gguf"), lm.resolve("qwen2-q8_0.gguf"));
        return store;
    }

    @Test
    void ollamaAndLmStudioModelsAreNamedAsTheirAppsNameThem() throws Exception {
        ollama();
        GgufStores s = GgufStores.of(Map.of(), home.toString());
        List<LocalModel> models = s.models();
        assertEquals(List.of("llama3:tiny", "Qwen/Qwen2-GGUF/qwen2-q8_0.gguf"), models.stream().map(LocalModel::id).toList());
        LocalModel llama = models.get(0);
        assertTrue(llama.loadable(), String.valueOf(llama.problem()));
        assertEquals("llama", llama.modelType());
        assertEquals("F32", llama.dtype());
        assertEquals("Q8_0", models.get(1).dtype());
    }

    @Test
    void aGgufAndASafetensorsModelOfOneTokenizerAreOneGroupAndNamesResolve() throws Exception {
        Path store = ollama();
        Path cache = Files.createDirectories(home.resolve("hub"));
        HubCacheTest.cache(cache, "meta/tiny-llama", "llama-bf16-sharded", "abc");
        LocalModels local = new LocalModels(new HubCache(List.of(cache)), GgufStores.of(Map.of(), home.toString()));
        List<TokenizerGroup> groups = ModelCatalog.groups(local.all());
        TokenizerGroup llama = groups.stream().filter(g -> g.models().stream().anyMatch(m -> m.id().equals("llama3:tiny")))
                .findFirst().orElseThrow();
        assertTrue(llama.models().stream().anyMatch(m -> m.id().equals("meta/tiny-llama")),
                "the GGUF model and the safetensors one share a tokenizer: " + groups);
        Path blob = local.resolve(Path.of("llama3:tiny"));
        assertEquals(store.resolve("blobs/sha256-0a1b2c"), blob);
        // Ollama's blobs have no .gguf name: the magic says what they are, and they load
        assertTrue(io.cascadelab.gguf.ModelFiles.isGguf(blob));
        try (io.cascadelab.model.LoadedModel m = io.cascadelab.gguf.ModelFiles.load(blob, ai.djl.Device.cpu())) {
            assertEquals("llama", m.config().architecture().modelType());
        }
        assertTrue(local.resolve(Path.of("meta/tiny-llama")).endsWith("snapshots/abc"));
    }
}
