package io.cascadelab.doctor;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cascadelab.cli.CascadeLabCli;
import io.cascadelab.model.Goldens;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compatibility doctor on encoder-decoder (T5) pairs: the T5 fixtures and altered copies of them. */
class T5DoctorTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final Path TARGET = FIXTURES.resolve("t5/v11");
    private static final Path DRAFT = FIXTURES.resolve("t5/v11-draft");
    private static final Path DECODER_ONLY = FIXTURES.resolve("gpt2");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    @TempDir
    Path dir;

    private static DoctorReport examine(Path target, Path drafter, int probeTokens, String prompt) {
        return Doctor.examine(target, drafter, new Doctor.Probe(probeTokens, 4, prompt), ai.djl.Device.cpu(),
                () -> false, m -> { });
    }

    /** A copy of the T5 draft's config and tokenizer (enough for the static checks) with {@code edit} applied to config.json. */
    private Path draftWithConfig(String name, Consumer<JsonObject> edit) throws IOException {
        Path copy = Files.createDirectories(dir.resolve(name));
        for (String f : new String[] {"config.json", "tokenizer.json", "tokenizer_config.json"}) {
            Files.copy(DRAFT.resolve(f), copy.resolve(f));
        }
        JsonObject o = JsonParser.parseString(Files.readString(copy.resolve("config.json"))).getAsJsonObject();
        edit.accept(o);
        Files.writeString(copy.resolve("config.json"), GSON.toJson(o));
        return copy;
    }

    private static void assertStatus(Finding.Status want, DoctorReport r, String check) {
        Finding f = r.finding(check);
        assertNotNull(f, "no '" + check + "' finding in " + r.findings());
        assertEquals(want, f.status(), check + ": " + f.detail());
    }

    @Test
    void aT5TargetWithAT5DraftPassesEveryCheckAndIsProbed() {
        DoctorReport r = examine(TARGET, DRAFT, 16, Doctor.PROBE_PROMPT);
        assertTrue(r.compatible(), r.toString());
        for (String check : List.of("encoder-decoder", "decoder start", "vocabulary size", "tokenizer", "special tokens",
                "context length")) {
            assertStatus(Finding.Status.OK, r, check);
        }
        assertEquals("both start decoding at decoder_start_token_id 0 '<pad>'", r.finding("decoder start").detail());
        assertEquals("same BOS none, PAD 0 '<pad>' and EOS [1]", r.finding("special tokens").detail());
        // the fixtures' weights are random, so only that the probe ran is certain, not how well the draft does
        assertNotNull(r.probe(), "a compatible pair is probed");
        assertTrue(r.finding("acceptance probe").detail().startsWith("16 tokens in "), r.finding("acceptance probe").detail());
        assertTrue(r.encoderDecoder());
    }

    @Test
    void aT5DraftingForItselfHasEveryDraftAccepted() {
        // a second copy of the target agrees with it only if it reads the same encoder input and start token
        DoctorReport r = examine(TARGET, TARGET, 16, Doctor.PROBE_PROMPT);
        assertEquals(1.0, r.probe().acceptanceRate(), 0.0);
        assertStatus(Finding.Status.OK, r, "acceptance probe");
    }

    @Test
    void theProbeFeedsThePromptToTheEncoderAndDecodesFromTheStartToken() throws IOException {
        // transformers' greedy answer to this prompt (the encoder reading it with </s>, decoding from id 0);
        // the probe is greedy and lossless, so it must emit exactly these ids
        JsonObject golden = Json.read(TARGET.resolve("expected.json")).getAsJsonArray("prompts").get(0).getAsJsonObject();
        int[] want = Goldens.ints(golden.getAsJsonArray("greedy_ids"));
        DoctorReport r = examine(TARGET, DRAFT, want.length, golden.get("prompt").getAsString());
        assertEquals(IntStream.of(want).boxed().toList(), r.probe().output());
    }

    @Test
    void theReportSaysItIsAnEncoderDecoderPair() {
        String text = ReportText.of(examine(TARGET, DRAFT, 0, Doctor.PROBE_PROMPT));
        assertTrue(text.startsWith("v11 ← v11-draft (an encoder-decoder pair): can run together\n"), text);
    }

    @Test
    void aT5TargetWithADecoderOnlyDraftIsRefusedNamingBoth() {
        DoctorReport r = examine(TARGET, DECODER_ONLY, 16, Doctor.PROBE_PROMPT);
        assertFalse(r.compatible());
        Finding f = r.finding("encoder-decoder");
        assertEquals(Finding.Status.PROBLEM, f.status());
        assertEquals("the target v11 (T5ForConditionalGeneration) is an encoder-decoder and the drafter gpt2"
                + " (GPT2LMHeadModel) is decoder-only", f.detail());
        assertTrue(f.advice().startsWith("a drafter must read the input as the target does"), f.advice());
        assertNull(r.probe(), "no probe of a pair that cannot run");
        assertFalse(r.encoderDecoder());
        assertFalse(ReportText.of(r).contains("encoder-decoder pair"), ReportText.of(r));
    }

    @Test
    void aDecoderOnlyTargetWithAT5DraftIsRefusedToo() {
        Finding f = examine(DECODER_ONLY, DRAFT, 0, Doctor.PROBE_PROMPT).finding("encoder-decoder");
        assertEquals(Finding.Status.PROBLEM, f.status());
        assertEquals("the target gpt2 (GPT2LMHeadModel) is decoder-only and the drafter v11-draft"
                + " (T5ForConditionalGeneration) is an encoder-decoder", f.detail());
    }

    @Test
    void aDecoderOnlyPairHasNoEncoderDecoderFindings() {
        DoctorReport r = examine(DECODER_ONLY, DECODER_ONLY, 0, Doctor.PROBE_PROMPT);
        assertNull(r.finding("encoder-decoder"));
        assertNull(r.finding("decoder start"));
        assertFalse(ReportText.of(r).contains("encoder-decoder"), ReportText.of(r));
    }

    @Test
    void anotherDecoderStartTokenIsAProblemNamingBothIds() throws IOException {
        Path d = draftWithConfig("start5", o -> o.addProperty("decoder_start_token_id", 5));
        DoctorReport r = examine(TARGET, d, 16, Doctor.PROBE_PROMPT);
        assertFalse(r.compatible());
        Finding f = r.finding("decoder start");
        assertEquals(Finding.Status.PROBLEM, f.status());
        assertTrue(f.detail().startsWith("v11 starts decoding at decoder_start_token_id 0 '<pad>', start5 at 5 '"),
                f.detail());
        assertNull(r.probe());
    }

    @Test
    void otherPadAndEosIdsAreWarningsThatNameBoth() throws IOException {
        Path d = draftWithConfig("pad2", o -> {
            o.addProperty("pad_token_id", 2);
            o.addProperty("eos_token_id", 3);
        });
        DoctorReport r = examine(TARGET, d, 0, Doctor.PROBE_PROMPT);
        assertTrue(r.compatible(), r.toString());
        Finding f = r.finding("special tokens");
        assertEquals(Finding.Status.WARNING, f.status());
        assertTrue(f.detail().startsWith("PAD 0 '<pad>' vs 2 '"), f.detail());
        assertTrue(f.detail().endsWith("; EOS [1] vs [3]"), f.detail());
        assertTrue(f.advice().contains("pad_token_id/eos_token_id"), f.advice());
    }

    @Test
    void theCliPassesAT5PairAndRefusesAMixedOne() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int ok = CascadeLabCli.run(new String[] {"doctor", "--target", TARGET.toString(), "--drafter", DRAFT.toString(),
                "--probe-tokens", "8"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, ok, err.toString());
        assertTrue(out.toString().contains("v11 ← v11-draft (an encoder-decoder pair): can run together"), out.toString());
        int refused = CascadeLabCli.run(new String[] {"doctor", "--target", TARGET.toString(), "--drafter",
                DECODER_ONLY.toString(), "--probe-tokens", "8"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, refused, err.toString());
        assertTrue(out.toString().contains("a drafter must read the input as the target does"), out.toString());
    }
}
