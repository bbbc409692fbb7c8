package io.cascadelab.doctor;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cascadelab.cli.CascadeLabCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compatibility doctor on the golden fixtures and altered copies of them. */
class DoctorTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/llama-gqa-rope3");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    @TempDir
    Path dir;

    private static DoctorReport examine(Path target, Path drafter, int probeTokens) {
        return Doctor.examine(target, drafter, new Doctor.Probe(probeTokens, 4, Doctor.PROBE_PROMPT), ai.djl.Device.cpu(),
                () -> false, m -> { });
    }

    /** A copy of the fixture's config and tokenizer with {@code edit} applied to the parsed JSON of {@code file}. */
    private Path alteredCopy(String name, String file, java.util.function.Consumer<JsonObject> edit) throws IOException {
        Path copy = Files.createDirectories(dir.resolve(name));
        for (String f : new String[] {"config.json", "tokenizer.json"}) {
            Files.copy(FIXTURE.resolve(f), copy.resolve(f));
        }
        JsonObject o = JsonParser.parseString(Files.readString(copy.resolve(file))).getAsJsonObject();
        edit.accept(o);
        Files.writeString(copy.resolve(file), GSON.toJson(o));
        return copy;
    }

    /** Ids 300 and 301 ("Ġe" and "Ġg" in the fixture) trade places in the vocabulary. */
    private Path swappedTokenizer() throws IOException {
        return alteredCopy("swapped", "tokenizer.json", o -> {
            JsonObject vocab = o.getAsJsonObject("model").getAsJsonObject("vocab");
            vocab.addProperty("Ġe", 301);
            vocab.addProperty("Ġg", 300);
        });
    }

    @Test
    void reportsTheExactFirstDifferingTokenOfTwoTokenizers() throws IOException {
        DoctorReport r = examine(FIXTURE, swappedTokenizer(), 48);
        Finding f = r.finding("tokenizer");
        assertEquals(Finding.Status.PROBLEM, f.status());
        assertTrue(f.detail().startsWith("first difference at id 300: 'Ġe' in llama-gqa-rope3, 'Ġg' in swapped"), f.detail());
        assertTrue(!r.compatible() && r.probe() == null, "no probe of a pair that cannot run");
    }

    @Test
    void aDifferentVocabularySizeIsAProblem() throws IOException {
        Path d = alteredCopy("bigger", "config.json", o -> o.addProperty("vocab_size", 640));
        Finding f = examine(FIXTURE, d, 0).finding("vocabulary size");
        assertEquals(Finding.Status.PROBLEM, f.status());
        assertEquals("llama-gqa-rope3 has 512 token ids, bigger has 640", f.detail());
    }

    @Test
    void aShorterContextAndOtherSpecialTokensAreWarnings() throws IOException {
        Path d = alteredCopy("short", "config.json", o -> {
            o.addProperty("max_position_embeddings", 64);
            o.addProperty("eos_token_id", 7);
        });
        DoctorReport r = examine(FIXTURE, d, 0);
        assertEquals(Finding.Status.WARNING, r.finding("context length").status());
        assertEquals(Finding.Status.WARNING, r.finding("special tokens").status());
        assertTrue(r.finding("special tokens").detail().contains("EOS [511] vs [7]"), r.finding("special tokens").detail());
        assertTrue(r.compatible());
        assertNull(r.finding("acceptance probe"));
    }

    @Test
    void theProbeOfATargetWithItselfAcceptsEveryDraft() {
        DoctorReport r = examine(FIXTURE, FIXTURE, 24);
        assertTrue(r.compatible());
        assertEquals(1.0, r.probe().acceptanceRate(), 0.0);
        assertEquals(Finding.Status.OK, r.finding("acceptance probe").status());
    }

    @Test
    void theCliNamesTheFirstDifferenceAndFailsWithExitCodeOne() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CascadeLabCli.run(new String[] {"doctor", "--target", FIXTURE.toString(), "--drafter",
                swappedTokenizer().toString(), "--probe-tokens", "0"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, code, err.toString());
        assertTrue(out.toString().contains("first difference at id 300: 'Ġe'"), out.toString());
    }

    @Test
    void aFolderThatIsNotAModelGetsAClearMessage() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CascadeLabCli.run(new String[] {"doctor", "--target", FIXTURE.toString(), "--drafter", dir.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, code);
        assertTrue(err.toString().contains("no config.json in " + dir), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace");
    }

    /** The doctor passes each new family's target with its narrower draft, probe included. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"qwen3, qwen3-draft-a", "qwen3, qwen3-draft-b", "gemma2, gemma2-draft",
            "gemma3, gemma3-draft", "phi3, phi3-draft", "olmo2, olmo2-draft", "smollm3, smollm3-draft"})
    void newFamilyPairsAreCompatible(String target, String drafter) {
        Path fixtures = FIXTURE.getParent();
        DoctorReport r = examine(fixtures.resolve(target), fixtures.resolve(drafter), 16);
        assertTrue(r.compatible(), r.toString());
        assertEquals(Finding.Status.OK, r.finding("tokenizer").status(), r.finding("tokenizer").detail());
        assertTrue(r.probe() != null, "a compatible pair is probed");
    }

    @Test
    void aQwen3TargetWithAGemmaDraftIsRefused() {
        Path fixtures = FIXTURE.getParent();
        assertTrue(!examine(fixtures.resolve("qwen3"), fixtures.resolve("gemma2-draft"), 16).compatible());
    }
}
