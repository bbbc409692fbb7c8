package io.cascadelab.cli;

import io.cascadelab.race.Race;
import io.cascadelab.race.RaceFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cascadelab race}: the lanes' figures on the embedded family, a race file that reads back, bad lists named. */
class RaceCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CascadeLabCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @AfterEach
    void forgetDevice() {
        System.clearProperty(io.cascadelab.model.DjlEnvironment.DEVICE_PROPERTY);
    }

    /** Runs a race of {@code methods} on the embedded family; returns what it printed on stdout. */
    private String race(String methods, int tokens, Path file) {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = run("--device", "cpu", "race", "--prompt", "And God said, Let there be light", "--max-new-tokens",
                    String.valueOf(tokens), "--methods", methods, "--out", file.toString());
            assertEquals(0, code, err.toString());
        } finally {
            System.setOut(old);
        }
        return stdout.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aRaceOfFourMethodsPrintsEachLaneAndWritesTheRaceFile() throws Exception {
        Path file = dir.resolve("race.jsonl");
        String text = race("ar,sd:draft-mid,csd,spec", 20, file);
        for (String lane : List.of("AR", "SD draft-mid", "CSD", "MLP speculator")) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(lane + " ")), lane + " in\n" + text);
        }
        assertEquals(3, text.lines().filter(l -> l.endsWith("identical")).count(), text);
        Race race = RaceFile.read(file);
        assertEquals(List.of("AR", "SD draft-mid", "CSD", "MLP speculator"), race.lanes().stream().map(l -> l.label()).toList());
        assertEquals(20, race.lanes().get(2).tokens().length);
    }

    @Test
    void aPaperPresetIsALaneWithItsKMatrix() throws Exception {
        Path file = dir.resolve("preset.jsonl");
        race("ar,csd:flan-t5,csd:llama-2", 12, file);
        Race race = RaceFile.read(file);
        assertEquals(List.of("AR", "CSD flan-t5", "CSD llama-2"), race.lanes().stream().map(l -> l.label()).toList());
        assertEquals("[[5, 14, 10], [0, 1, 10], [0, 0, 10]]",
                java.util.Arrays.deepToString(race.lanes().get(1).trace().header().kMatrix()));
        assertEquals("[[13, 10], [0, 10]]", java.util.Arrays.deepToString(race.lanes().get(2).trace().header().kMatrix()));
        for (int i = 1; i < 3; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(race.lanes().get(0).tokens(), race.lanes().get(i).tokens());
        }
    }

    @Test
    void anUnknownMethodIsOneClearErrorLine() {
        assertEquals(1, run("--device", "cpu", "race", "--prompt", "x", "--methods", "ar,beam", "--out",
                dir.resolve("r.jsonl").toString()));
        assertTrue(err.toString().contains("unknown race method 'beam'"), err.toString());
    }
}
