package io.cascadelab.cli;

import io.cascadelab.decode.CopyFastPath;
import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.PaperPreset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --preset}: the paper's settings as the reference code has them, and no option it sets silently overridden. */
class PresetOptionsTest {

    private static MethodOptions options(String... args) {
        return CommandLine.populateCommand(new MethodOptions(), args);
    }

    @Test
    void theFlanT5PresetIsTheReferenceCodesMatrixAndLenienceWithoutTheFastPath() {
        MethodSpec s = options("--preset", "flan-t5").spec(MethodSpec.Method.CSD);
        assertEquals(KMatrix.of(new int[][] {{5, 14, 10}, {0, 1, 10}, {0, 0, 10}}), s.kMatrix());
        assertEquals(2.0, s.lenience());
        assertEquals(3, s.effectiveDepth());
        assertEquals(29, s.draftTokens());
        assertEquals(CopyFastPath.OFF, s.fastPath());
    }

    @Test
    void theOtherPresetsAreTheReadmesSettings() {
        MethodSpec prev = options("--preset", "flan-t5-prev").spec(MethodSpec.Method.CSD);
        assertEquals(KMatrix.of(new int[][] {{5, 8, 10}, {0, 1, 10}, {0, 0, 10}}), prev.kMatrix());
        assertEquals(5.0, prev.lenience());
        MethodSpec llama = options("--preset", "LLaMA-2").spec(MethodSpec.Method.CSD);
        assertEquals(KMatrix.of(new int[][] {{13, 10}, {0, 10}}), llama.kMatrix());
        assertEquals(3.0, llama.lenience());
        assertEquals(2, llama.effectiveDepth());
    }

    @Test
    void anOptionThePresetSetsIsRefusedByName() {
        for (String[] extra : new String[][] {{"--lenience", "3"}, {"--depth", "2"}, {"--k-matrix", "4"}}) {
            MethodOptions o = options("--preset", "flan-t5", extra[0], extra[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.spec(MethodSpec.Method.CSD));
            assertTrue(e.getMessage().contains(extra[0]), e.getMessage());
        }
    }

    @Test
    void aPresetIsACascadeSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> options("--preset", "flan-t5").spec(MethodSpec.Method.SD));
        assertTrue(e.getMessage().contains("--method csd"), e.getMessage());
    }

    @Test
    void anExplicitFastPathIsKeptWithAPreset() {
        assertTrue(options("--preset", "flan-t5", "--mag-fast-path", "2:12").spec(MethodSpec.Method.CSD).fastPath().enabled());
        assertTrue(options().spec(MethodSpec.Method.CSD).fastPath().enabled(), "the default without a preset");
        assertFalse(options("--mag-fast-path", "off").spec(MethodSpec.Method.CSD).fastPath().enabled());
    }

    @Test
    void anUnknownPresetListsTheNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> options("--preset", "flan-t6").spec(MethodSpec.Method.CSD));
        assertTrue(e.getMessage().contains("flan-t6") && e.getMessage().contains(PaperPreset.ids()), e.getMessage());
    }
}
