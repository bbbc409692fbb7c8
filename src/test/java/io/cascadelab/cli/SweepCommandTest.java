package io.cascadelab.cli;

import io.cascadelab.tune.SweepJson;
import io.cascadelab.tune.SweepResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cascadelab sweep}: a small grid on the golden-fixture models writes files the lab reads; bad input is named. */
class SweepCommandTest {

    private static final String FIXTURES = "src/test/resources/fixtures/";

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

    @Test
    void aSmallSweepWritesCsvAndJsonWithOneCellPerGridPoint() throws Exception {
        Path csv = dir.resolve("sweep.csv");
        Path json = dir.resolve("sweep.json");
        int code = run("--device", "cpu", "sweep", "--target", FIXTURES + "llama-gqa-rope3", "--drafter",
                FIXTURES + "llama-headdim", "--method", "csd", "--depth", "2", "--rows", "k=1,2", "--cols", "lenience=1,2",
                "--prompts", "sample-prompts/law", "--max-new-tokens", "4", "--warmup", "0", "--csv", csv.toString(),
                "--json", json.toString());
        assertEquals(0, code, err.toString());
        for (Path f : new Path[] {csv, json}) {
            SweepResult r = SweepJson.readAny(f);
            assertEquals(4, r.cells().size());
            assertEquals("k", r.rowAxis());
            assertTrue(r.reference() != null);
        }
    }

    @Test
    void aBadGridOrPromptFolderIsOneClearErrorLine() {
        assertEquals(1, run("sweep", "--rows", "k=2,x"));
        assertTrue(err.toString().contains("grid value 'x' of k is not a whole number"), err.toString());
        assertEquals(1, run("sweep", "--prompts", dir.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("nowhere") && err.toString().contains("--prompts"), err.toString());
        assertEquals(1, run("sweep", "--show", dir.resolve("missing.csv").toString()));
        assertTrue(err.toString().contains("cannot read the sweep file") && err.toString().contains("missing.csv"), err.toString());
        assertEquals(1, run("sweep", "--k-policy", "fastest"));
        assertTrue(err.toString().contains("unknown k policy 'fastest'"), err.toString());
    }
}
