package io.cascadelab.catalog;

import io.cascadelab.model.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A hub cache laid out as huggingface_hub writes it (blobs, symlinked snapshots, refs/main) is read and grouped. */
public class HubCacheTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @TempDir
    Path root;

    /** models--org--name with the fixture's files as blobs, snapshot files symlinked to them. */
    public static void cache(Path root, String id, String fixture, String commit) throws Exception {
        Path repo = root.resolve("models--" + id.replace("/", "--"));
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Path snap = Files.createDirectories(repo.resolve("snapshots").resolve(commit));
        try (var files = Files.list(FIXTURES.resolve(fixture))) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().equals("expected.json")) {
                    continue;
                }
                Path blob = blobs.resolve(fixture.replace("/", "_") + "-" + f.getFileName());
                Files.copy(f, blob);
                Files.createSymbolicLink(snap.resolve(f.getFileName()), snap.relativize(blob));
            }
        }
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), commit);
    }

    @Test
    void modelsAreGroupedByTokenizerLargestFirst() throws Exception {
        cache(root, "Qwen/Qwen3-8B", "qwen3", "aaa");
        cache(root, "Qwen/Qwen3-0.6B", "qwen3-draft-b", "bbb");
        cache(root, "Qwen/Qwen3-1.7B", "qwen3-draft-a", "ccc");
        cache(root, "google/gemma-2-2b", "gemma2", "ddd");
        cache(root, "facebook/bart-base", "bad/unsupported-arch", "eee");
        List<LocalModel> all = new HubCache(List.of(root)).models();
        assertEquals(5, all.size());
        List<TokenizerGroup> groups = ModelCatalog.groups(all);
        assertEquals(2, groups.size());
        assertEquals(List.of("Qwen/Qwen3-8B", "Qwen/Qwen3-1.7B", "Qwen/Qwen3-0.6B"),
                groups.get(0).models().stream().map(LocalModel::id).toList());
        assertEquals("qwen3", groups.get(0).models().get(0).modelType());
        assertTrue(groups.get(0).models().get(0).weightBytes() > 0, "sizes follow the snapshot's symlinks");
        LocalModel bart = ModelCatalog.refused(all).get(0);
        assertEquals("facebook/bart-base", bart.id());
        assertTrue(bart.problem().contains("model_type 'bart'"), bart.problem());
    }

    @Test
    void aHubIdResolvesToItsSnapshotAndAMissingOneIsRefused() throws Exception {
        cache(root, "Qwen/Qwen3-0.6B", "qwen3-draft-b", "bbb");
        HubCache c = new HubCache(List.of(root));
        Path snap = c.resolve(Path.of("Qwen/Qwen3-0.6B"));
        assertEquals(root.resolve("models--Qwen--Qwen3-0.6B/snapshots/bbb"), snap);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> c.resolve(Path.of("Qwen/Qwen3-8B")));
        assertTrue(e.getMessage().contains("not in the Hugging Face cache") && e.getMessage().contains("never downloads"),
                e.getMessage());
        Path folder = FIXTURES.resolve("qwen3");
        assertEquals(folder, c.resolve(folder), "an existing folder is taken as it is");
    }

    @Test
    void theCacheFoldersFollowTheHuggingFaceVariables() {
        assertEquals(List.of(Path.of("/c"), Path.of("/h/hub"), Path.of("/home/u/.cache/huggingface/hub")),
                HubCache.defaultRoots(Map.of("HF_HUB_CACHE", "/c", "HF_HOME", "/h"), null, "/home/u"));
        assertEquals(List.of(Path.of("/x")), HubCache.defaultRoots(Map.of("HF_HUB_CACHE", "/c"), "/x", "/home/u"));
        assertFalse(HubCache.looksLikeHubId("models/kjv/target/x"));
        assertTrue(HubCache.looksLikeHubId("Qwen/Qwen3-0.6B"));
    }

    @Test
    void theCliListsTheCacheAndTakesAHubIdAsTarget() throws Exception {
        cache(root, "Qwen/Qwen3-8B", "qwen3", "aaa");
        cache(root, "Qwen/Qwen3-0.6B", "qwen3-draft-b", "bbb");
        System.setProperty(HubCache.PROPERTY, root.toString());
        System.setProperty(GgufStores.OLLAMA_PROPERTY, root.resolve("no-ollama").toString());
        System.setProperty(GgufStores.LM_STUDIO_PROPERTY, root.resolve("no-lm-studio").toString());
        try {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            assertEquals(0, io.cascadelab.cli.CascadeLabCli.run(new String[] {"models"}, new java.io.PrintWriter(out),
                    new java.io.PrintWriter(err)), err.toString());
            String text = out.toString();
            assertTrue(text.contains("(2 models)") && text.contains("any smaller model can draft for a larger one"), text);
            assertTrue(text.indexOf("Qwen/Qwen3-8B") < text.indexOf("Qwen/Qwen3-0.6B"), text);
            java.io.PrintStream old = System.out;
            java.io.PrintStream oldErr = System.err;
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream errBuf = new java.io.ByteArrayOutputStream();
            System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(errBuf, true, java.nio.charset.StandardCharsets.UTF_8));
            int code;
            try {
                code = io.cascadelab.cli.CascadeLabCli.run(new String[] {"generate", "--target", "Qwen/Qwen3-8B",
                        "--drafter", "Qwen/Qwen3-0.6B", "--method", "sd", "--max-new-tokens", "4", "--prompt", "And God"},
                        new java.io.PrintWriter(out), new java.io.PrintWriter(err));
            } finally {
                System.setOut(old);
                System.setErr(oldErr);
            }
            assertEquals(0, code, err.toString());
            assertTrue(buf.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("And God"), buf.toString());
            assertTrue(errBuf.toString(java.nio.charset.StandardCharsets.UTF_8).contains("AR(Qwen3-0.6B)"),
                    "cache models are named by their hub name: " + errBuf);
        } finally {
            System.clearProperty(HubCache.PROPERTY);
            System.clearProperty(GgufStores.OLLAMA_PROPERTY);
            System.clearProperty(GgufStores.LM_STUDIO_PROPERTY);
        }
    }
}
