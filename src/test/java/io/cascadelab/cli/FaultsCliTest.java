package io.cascadelab.cli;

import com.google.gson.JsonObject;
import io.cascadelab.model.ComputeDType;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults a careless or unlucky user hits on the command line (issue 15): each gets a specific message. */
class FaultsCliTest {

    static final Path FIXTURE = Path.of("src/test/resources/fixtures/llama-gqa-rope3");

    @TempDir
    Path dir;

    /** exit code, standard output and standard error of one command. */
    record Result(int code, String out, String err) {
    }

    private static Result run(PrintStream stdout, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        StringWriter cliErr = new StringWriter();
        System.setOut(stdout != null ? stdout : new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = CascadeLabCli.run(args, new PrintWriter(new StringWriter()), new PrintWriter(cliErr));
            return new Result(code, out.toString(StandardCharsets.UTF_8),
                    cliErr + err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Result run(String... args) {
        return run(null, args);
    }

    @Test
    void aFullDiskOnStandardOutputFailsWithAMessage() throws Exception {
        try (PrintStream full = new PrintStream(new FileOutputStream("/dev/full"), false, StandardCharsets.UTF_8)) {
            Result r = run(full, "generate", "--target", FIXTURE.toString(), "--method", "ar", "--max-new-tokens", "3",
                    "--json", "--prompt", "And God");
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("cannot write to standard output"), r.err());
        }
    }

    @Test
    void anOutputInAMissingFolderIsRefusedBeforeTheRun() {
        Result r = run("generate", "--target", FIXTURE.toString(), "--method", "ar", "--prompt", "And God",
                "--trace", dir.resolve("no/such/folder/t.jsonl").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--trace") && r.err().contains("does not exist"), r.err());
        assertEquals("", r.out(), "nothing ran");
        Result sweep = run("sweep", "--csv", dir.resolve("missing/s.csv").toString());
        assertEquals(1, sweep.code());
        assertTrue(sweep.err().contains("--csv") && sweep.err().contains("does not exist"), sweep.err());
        Result bench = run("bench", "--json", dir.resolve("missing/b.json").toString());
        assertEquals(1, bench.code());
        assertTrue(bench.err().contains("--json") && bench.err().contains("does not exist"), bench.err());
    }

    @Test
    void aTraceThatCannotBeWrittenStillLeavesTheTextPrinted() {
        Result r = run("generate", "--target", FIXTURE.toString(), "--method", "ar", "--max-new-tokens", "3",
                "--prompt", "And God", "--trace", "/dev/full");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().startsWith("And God"), r.out());
        assertTrue(r.err().contains("/dev/full"), r.err());
    }

    @Test
    void aDrafterWithoutTargetIsUsedOrRefused() {
        Result r = run("generate", "--method", "sd", "--drafter", "/nonexistent", "--prompt", "And God",
                "--max-new-tokens", "3");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("/nonexistent is not a folder"), r.err());
    }

    @Test
    void aTokenizerMuchSmallerThanTheVocabularyIsRefused() throws Exception {
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(FIXTURE.resolve(f), dir.resolve(f));
        }
        JsonObject cfg = Json.read(dir.resolve("config.json"));
        cfg.addProperty("vocab_size", 4096);
        Files.writeString(dir.resolve("config.json"), cfg.toString());
        Result r = run("generate", "--target", dir.toString(), "--method", "ar", "--prompt", "And God");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("tokenizer.json has 512 tokens") && r.err().contains("4096"), r.err());
    }

    @Test
    void badSettingsAreRefusedAndSdIsLabelledWithItsDrafter() {
        Result negative = run("generate", "--target", FIXTURE.toString(), "--max-new-tokens", "-5", "--prompt", "x");
        assertEquals(1, negative.code());
        assertTrue(negative.err().contains("max new tokens must be at least 1, got -5"), negative.err());
        Result matrix = run("generate", "--target", FIXTURE.toString(), "--method", "sd", "--k-matrix",
                "3,4,6;0,1,8;0,0,8", "--prompt", "x");
        assertEquals(1, matrix.code());
        assertTrue(matrix.err().contains("1x1") && matrix.err().contains("3x3"), matrix.err());
        Result sd = run("generate", "--target", FIXTURE.toString(), "--method", "sd", "--max-new-tokens", "4",
                "--prompt", "And God");
        assertEquals(0, sd.code(), sd.err());
        assertTrue(sd.err().contains("sd(mag,"), sd.err());
        assertFalse(sd.err().contains("sd(draft,"), sd.err());
    }

    @Test
    void reportsAndTracesAreStrictJsonWithNullForUndefinedFigures() throws Exception {
        Path trace = dir.resolve("t.jsonl");
        // a repeated phrase: Max-Gram drafts, so figures per position exist and some are undefined
        Result r = run("generate", "--target", FIXTURE.toString(), "--method", "sd", "--max-new-tokens", "8",
                "--json", "--prompt", "And God said, Let there be light: and there was light. And God said, Let",
                "--trace", trace.toString());
        assertEquals(0, r.code(), r.err());
        assertStrict(r.out());
        assertTrue(r.out().contains("null"), "undefined figures are null: " + r.out());
        List<String> lines = Files.readAllLines(trace);
        for (String line : lines) {
            assertStrict(line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"uniform\":null")), "the trace's undefined figures are null");
        // and the trace reads back, null as NaN
        io.cascadelab.trace.Trace t = io.cascadelab.trace.TraceFile.read(trace);
        assertEquals(8, t.summary().tokens().length);
    }

    private static void assertStrict(String json) throws Exception {
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        com.google.gson.stream.JsonReader reader = new com.google.gson.stream.JsonReader(new java.io.StringReader(json));
        reader.setStrictness(com.google.gson.Strictness.STRICT);
        com.google.gson.JsonParser.parseReader(reader);
    }

    @Test
    void badFilesNameTheFileAndTheRealCause() throws Exception {
        Path prompt = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'x'});
        Result r = run("generate", "--target", FIXTURE.toString(), "--prompt-file", prompt.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("latin1.txt is not UTF-8 text: byte 0xE9 at offset 3"), r.err());

        Path lfs = Files.createDirectories(dir.resolve("lfs"));
        for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(FIXTURE.resolve(f), lfs.resolve(f));
        }
        Files.writeString(lfs.resolve("model.safetensors"), "version https://git-lfs.github.com/spec/v1\n"
                + "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n");
        Result pointer = run("generate", "--target", lfs.toString(), "--prompt", "x");
        assertEquals(1, pointer.code());
        assertTrue(pointer.err().contains("is a Git LFS pointer"), pointer.err());

        Path nan = Files.createDirectories(dir.resolve("nan"));
        for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(FIXTURE.resolve(f), nan.resolve(f));
        }
        byte[] weights = Files.readAllBytes(FIXTURE.resolve("model.safetensors"));
        // the last 4 bytes belong to the last tensor's last F32 value: make it a NaN
        weights[weights.length - 1] = (byte) 0x7F;
        weights[weights.length - 2] = (byte) 0xC0;
        weights[weights.length - 3] = 0;
        weights[weights.length - 4] = 0;
        Files.write(nan.resolve("model.safetensors"), weights);
        Result damaged = run("generate", "--target", nan.toString(), "--prompt", "x");
        assertEquals(1, damaged.code());
        assertTrue(damaged.err().contains("holds 1 NaN value") && damaged.err().contains("of nan"), damaged.err());
    }

    @Test
    void aCorpusTooSmallForValidationOrASeqPastTheContextIsRefusedBeforeTraining() throws Exception {
        Path tok = Files.createDirectories(dir.resolve("tok"));
        io.cascadelab.model.TinyModels.writeByteTokenizer(tok, 257);
        Path corpus = Files.writeString(dir.resolve("small.txt"), "In the beginning God created the heaven.\n".repeat(50));
        Path work = dir.resolve("work");
        List<String> args = List.of("train", "--corpus", corpus.toString(), "--tokenizer",
                tok.resolve("tokenizer.json").toString(), "--out", dir.resolve("out").toString(), "--work", work.toString(),
                "--shape", "layers=1,hidden=32,heads=2,context=64", "--seq", "32", "--steps", "20");
        Result r = run(args.toArray(new String[0]));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("the validation split") && r.err().contains("2000 lines"), r.err());
        assertFalse(Files.exists(work), "nothing was started");
        List<String> longSeq = new java.util.ArrayList<>(args);
        longSeq.set(longSeq.indexOf("32"), "100");
        Result seq = run(longSeq.toArray(new String[0]));
        assertEquals(1, seq.code());
        assertTrue(seq.err().contains("--seq 100 is longer than the model's context of 64"), seq.err());
    }

    @Test
    void garbageSweepsAndImpossibleProfileSettingsGetSpecificMessages() throws Exception {
        Path notJson = Files.writeString(dir.resolve("a.json"), "{ \"rowAxis\": ");
        Result a = run("sweep", "--show", notJson.toString());
        assertEquals(1, a.code());
        assertTrue(a.err().contains("a.json: it is not valid JSON"), a.err());
        Path wrong = Files.writeString(dir.resolve("b.json"), "{\"rowAxis\": \"k\", \"cells\": 7}");
        Result b = run("sweep", "--show", wrong.toString());
        assertEquals(1, b.code());
        assertTrue(b.err().contains("b.json: it is JSON but not a sweep"), b.err());
        assertFalse(a.err().contains("Failed to invoke") || b.err().contains("Failed to invoke"), a.err() + b.err());

        Result negative = run("profile", "--model", FIXTURE.toString(), "--contexts", "-320");
        assertEquals(1, negative.code());
        assertTrue(negative.err().contains("a context length must be at least 1 token, got -320"), negative.err());
        Result zero = run("profile", "--model", FIXTURE.toString(), "--repeats", "0");
        assertEquals(1, zero.code());
        assertTrue(zero.err().contains("--repeats must be at least 1, got 0"), zero.err());
        Result longer = run("profile", "--model", FIXTURE.toString(), "--contexts", "200");
        assertEquals(1, longer.code());
        assertTrue(longer.err().contains("exceed llama-gqa-rope3's context of 128"), longer.err());
    }

    @Test
    void profileAndBenchSayWhichDtypeTheModelComputesIn() {
        // the BF16 fixture computes in F32 by default: its weights are widened exactly on load
        Path bf16 = Path.of("src/test/resources/fixtures/llama-bf16-sharded");
        Result p = run("profile", "--model", bf16.toString(), "--contexts", "8", "--repeats", "1");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("compute F32 (file bfloat16)"), p.out());
        assertTrue(p.out().contains("(projections F32, norms F32)"), p.out());
        Result b = run("bench", "--target", bf16.toString(), "--methods", "ar", "--repeats", "1", "--max-new-tokens", "2",
                "--prompts", "sample-prompts/law");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("compute F32, file bfloat16"), b.out());
        try {
            Result half = run("--compute-dtype", "f16", "profile", "--model", bf16.toString(), "--contexts", "8",
                    "--repeats", "1");
            assertEquals(0, half.code(), half.err());
            assertTrue(half.out().contains("compute F16 (file bfloat16)"), half.out());
            assertTrue(half.out().contains("(projections F16, norms F32)"), half.out());
        } finally {
            System.clearProperty(ComputeDType.PROPERTY);
        }
    }

    @Test
    void bf16ComputeIsRefusedByNameInsteadOfAbortingTheJvm() {
        Result r = run("--compute-dtype", "bf16", "profile", "--model", FIXTURE.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'bf16' is not available") && r.err().contains("aborts the JVM"), r.err());
        assertEquals(null, System.getProperty(ComputeDType.PROPERTY));
    }

    @Test
    void anUnreadableConfigSaysPermissionDenied() throws Exception {
        Path m = Files.createDirectories(dir.resolve("locked"));
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json")) {
            Files.copy(FIXTURE.resolve(f), m.resolve(f));
        }
        Files.setPosixFilePermissions(m.resolve("config.json"), java.util.Set.of());
        // root reads every file regardless: the case can only be shown as another user
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(m.resolve("config.json")), "running as root");
        Result r = run("generate", "--target", m.toString(), "--prompt", "x");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("config.json cannot be read: permission denied"), r.err());
    }
}
