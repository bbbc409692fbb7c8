package io.cascadelab.model;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad model folder fails with a specific message naming the file, and no JVM abort. */
class BadCheckpointTest {

    static final Path BAD = GoldenFixturesTest.FIXTURES.resolve("bad");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "header-past-end        | model.safetensors | points past the end",
            "malformed-header       | model.safetensors | malformed safetensors header",
            "unknown-dtype          | model.safetensors | dtype XYZ",
            "unsupported-dtype-f8   | model.safetensors | dtype F8_E4M3",
            "truncated-data         | model.safetensors | outside the file",
            "missing-tensor         | model.layers.1.mlp.down_proj.weight | missing",
            "wrong-shape            | model.layers.0.mlp.gate_proj.weight | has shape",
            "shard-missing          | model-00002-of-00002.safetensors | missing",
            "unsupported-arch       | config.json | model_type 'bart'",
            "pytorch-bin-only       | pytorch_model.bin | convert",
            "vocab-mismatch         | model.embed_tokens.weight | has shape"})
    void badFolderIsRefusedWithSpecificMessage(String folder, String names, String says) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> LoadedModel.load(BAD.resolve(folder), Device.cpu()).close());
        assertTrue(e.getMessage().contains(names), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Test
    void controlCaseLoads() {
        LoadedModel.load(BAD.resolve("_valid-base"), Device.cpu()).close();
    }

    @Test
    void missingFolderContentsAreNamed(@org.junit.jupiter.api.io.TempDir Path empty) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> LoadedModel.load(empty, Device.cpu()));
        assertTrue(e.getMessage().contains("config.json missing"), e.getMessage());
    }

    @Test
    void promptLongerThanContextIsRefused() throws Exception {
        try (LoadedModel m = LoadedModel.load(BAD.resolve("_valid-base"), Device.cpu());
             ModelSession s = m.newSession(8)) {
            ContextLengthException e = assertThrows(ContextLengthException.class, () -> s.forward(new int[9], false));
            assertTrue(e.getMessage().contains("context holds 8"), e.getMessage());
        }
    }
}
