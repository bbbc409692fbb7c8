package io.cascadelab.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train-speculator writes a speculator that generate --method spec uses losslessly, chain and tree. */
class SpeculatorCliTest {

    static final Path TARGET = Path.of("src/test/resources/fixtures/bad/_valid-base");

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    /** Runs the CLI, returning what commands printed on System.out. */
    private String run(int expectedCode, String... args) {
        PrintStream saved = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = CascadeLabCli.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertEquals(expectedCode, code, err + errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
            System.setErr(savedErr);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTrainedSpeculatorGeneratesExactlyTheTargetsGreedyText() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("In the beginning God created the heaven and the earth, verse ").append(i % 17).append(".\n");
        }
        Files.writeString(corpus, text);
        Path spec = dir.resolve("speculator");
        run(0, "train-speculator", "--target", TARGET.toString(), "--corpus", corpus.toString(), "--out", spec.toString(),
                "--tie-weights", "--stage1-steps", "4", "--stage2-steps", "3", "--batch", "2", "--seq", "32",
                "--stage2-batch", "2", "--prompt-len", "8", "--gen-len", "16", "--eval-batches", "1",
                "--validation-every", "4");
        assertTrue(Files.isRegularFile(spec.resolve("config.json")) && Files.isRegularFile(spec.resolve("training.json")));
        for (String tree : new String[] {"--k=3", "--spec-tree"}) {
            String json = run(0, "generate", "--target", TARGET.toString(), "--speculator", spec.toString(), "--method",
                    "spec", tree, "--prompt", "In the beginning", "--max-new-tokens", "12", "--baseline", "--json");
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            JsonObject m = o.getAsJsonObject("metrics");
            assertEquals("identical", m.get("lossless").getAsString(), tree);
            assertEquals("speculator", o.getAsJsonObject("method").getAsJsonArray("levels").get(1).getAsString());
        }
    }

    @Test
    void methodSpecWithoutASpeculatorSaysWhereToGetOne() {
        run(1, "generate", "--target", TARGET.toString(), "--method", "spec", "--prompt", "In", "--max-new-tokens", "2");
        assertTrue(err.toString().contains("--speculator DIR"), err.toString());
    }
}
