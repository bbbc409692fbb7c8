package io.cascadelab.gguf;

import ai.djl.Device;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cascadelab.model.ComputeDType;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.model.ModelSession;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.cascadelab.model.Goldens.argmax;
import static io.cascadelab.model.Goldens.assertClose;
import static io.cascadelab.model.Goldens.floats;
import static io.cascadelab.model.Goldens.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GGUF files written by tools/fixtures/make_gguf_fixtures.py as llama.cpp's converter lays them out
 * (models.json lists them with their expected outputs): Llama and Qwen2 in F32, F16, BF16, Q8_0,
 * Q4_0, Q4_1, Q5_0, Q5_1 and the K-quants Q2_K..Q6_K; Qwen3, Mistral (SentencePiece), Gemma 2,
 * Gemma 3 (also with linear rope scaling), Phi-3 (also longrope), Llama 3.1 rope_freqs, Qwen2 YaRN,
 * GPT-2 and GPT-NeoX (parallel and sequential). Each scores as its reference: transformers' own
 * GGUF loading, or the source model holding the file's dequantised weights where transformers
 * cannot read the file (both, and equal, where it can): logits and 16 greedy tokens.
 */
class GgufModelTest {

    static final Path DIR = Path.of("src/test/resources/gguf");

    @TempDir
    Path tmp;

    /** Every model file the fixture script wrote (tools/fixtures/make_gguf_fixtures.py), by name. */
    static java.util.stream.Stream<String> modelFiles() throws java.io.IOException {
        return Json.read(DIR.resolve("models.json")).keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("modelFiles")
    void scoresAsTheReference(String name) throws Exception {
        JsonObject exp = Json.read(DIR.resolve("models.json")).getAsJsonObject(name);
        int[] ids = ints(exp.getAsJsonArray("input_ids"));
        try (LoadedModel m = GgufModel.load(DIR.resolve(name), Device.cpu())) {
            assertEquals(java.util.List.of(), m.config().unreadKeys(), "every architecture key is read");
            try (ModelSession s = m.newSession(64)) {
                float[][] logits = s.forward(ids, false).logits();
                assertClose(floats(exp.getAsJsonArray("logits_first")), logits[0], name + " first position");
                assertClose(floats(exp.getAsJsonArray("logits_last")), logits[logits.length - 1], name + " last position");
                int[] greedy = new int[16];
                float[] last = logits[logits.length - 1];
                for (int i = 0; i < greedy.length; i++) {
                    greedy[i] = argmax(last);
                    last = s.forward(new int[] {greedy[i]}, false).logits()[0];
                }
                assertArrayEquals(ints(exp.getAsJsonArray("greedy")), greedy, name + " greedy");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-f32.gguf", "qwen2-q8_0.gguf", "qwen3-q8_0.gguf", "gpt2-q8_0.gguf",
            "gptneox-parallel-q8_0.gguf", "mistral-spm-f32.gguf", "phi3-q8_0.gguf"})
    void theTokenizerFromTheMetadataEncodesAsTheSourceTokenizer(String name) throws Exception {
        // byte-level BPE, and SentencePiece with its dummy prefix (Mistral's and Phi-3's form)
        JsonObject exp = Json.read(DIR.resolve("models.json")).getAsJsonObject(name);
        JsonObject hf = Json.read(Path.of("src/test/resources/fixtures").resolve(exp.get("from").getAsString())
                .resolve("expected.json"));
        try (LoadedModel m = GgufModel.load(DIR.resolve(name), Device.cpu())) {
            assertArrayEquals(ints(hf.getAsJsonArray("input_ids")), m.tokenizer().encode(hf.get("prompt").getAsString()),
                    "the prompt, with BOS as tokenizer.ggml.add_bos_token says");
            assertEncodes(hf.getAsJsonArray("tokenizer"), m.tokenizer());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemma2-q8_0.gguf", "gemma3-q8_0.gguf"})
    void gemmasSentencePieceTokenizerEncodesAsTransformersReadsIt(String name) throws Exception {
        // Gemma's files say add_space_prefix = false: no dummy prefix, which transformers' Gemma tokenizer agrees
        // with; it leaves out the BOS that add_bos_token asks for (llama.cpp adds it)
        JsonObject exp = Json.read(DIR.resolve("models.json")).getAsJsonObject(name);
        try (LoadedModel m = GgufModel.load(DIR.resolve(name), Device.cpu())) {
            int[] prompt = m.tokenizer().encode(exp.get("prompt").getAsString());
            assertEquals(m.config().bosTokenId(), prompt[0], "BOS first");
            assertArrayEquals(ints(exp.getAsJsonArray("prompt_ids")), java.util.Arrays.copyOfRange(prompt, 1, prompt.length),
                    "the prompt after BOS");
            assertEncodes(exp.getAsJsonArray("tokenizer"), m.tokenizer());
        }
    }

    @Test
    void theChatTemplateComesFromTokenizerChatTemplate() throws Exception {
        JsonObject chat = Json.read(DIR.resolve("models.json")).getAsJsonObject("qwen2-q4_k.gguf").getAsJsonObject("chat");
        java.util.List<io.cascadelab.chat.ChatMessage> messages = new java.util.ArrayList<>();
        for (JsonElement e : chat.getAsJsonArray("messages")) {
            JsonObject o = e.getAsJsonObject();
            messages.add(new io.cascadelab.chat.ChatMessage(o.get("role").getAsString(), o.get("content").getAsString()));
        }
        io.cascadelab.chat.ChatTemplate t = io.cascadelab.chat.ChatTemplate.load(DIR.resolve("qwen2-q4_k.gguf")).orElseThrow();
        assertEquals(chat.get("rendered").getAsString(), t.render(messages, true), "as jinja2 renders it");
        try (LoadedModel m = GgufModel.load(DIR.resolve("qwen2-q4_k.gguf"), Device.cpu())) {
            io.cascadelab.chat.ChatPrompt p = io.cascadelab.chat.ChatPrompt.of(m, "Be brief.", "Who made the earth?");
            assertEquals(chat.get("rendered").getAsString(), p.text());
            assertEquals(m.tokenizer().encode("<|im_start|>", false)[0], p.ids()[0], "<|im_start|> is one token");
        }
        assertTrue(io.cascadelab.chat.ChatTemplate.load(DIR.resolve("qwen2-q8_0.gguf")).isEmpty());
        assertTrue(io.cascadelab.chat.ChatTemplate.missing(DIR.resolve("qwen2-q8_0.gguf"))
                .contains("qwen2-q8_0.gguf has no chat template (its metadata has no tokenizer.chat_template)"));
    }

    /** Each case's text encodes (no special tokens) to its ids, which decode to its decoded text. */
    private static void assertEncodes(JsonArray cases, io.cascadelab.model.TextTokenizer tokenizer) {
        for (JsonElement e : cases) {
            JsonObject t = e.getAsJsonObject();
            String text = t.get("text").getAsString();
            int[] ids = ints(t.getAsJsonArray("ids"));
            assertArrayEquals(ids, tokenizer.encode(text, false), "ids of " + text);
            assertEquals(t.get("decoded").getAsString(), tokenizer.decode(ids), "decode of " + text);
        }
    }

    /** What one CLI command printed and returned. */
    private record Cli(int code, String out, String err) {
    }

    private static Cli cli(String... args) {
        java.io.PrintStream old = System.out, oldErr = System.err;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(), err = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = io.cascadelab.cli.CascadeLabCli.run(args);
            return new Cli(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                    err.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
    }

    @Test
    void aGgufTargetTakesASafetensorsDrafterWithTheSameTokenizerLosslessly() {
        Cli gen = cli("generate", "--target", DIR.resolve("llama-q8_0.gguf").toString(), "--drafter",
                "src/test/resources/fixtures/llama-bf16-sharded", "--method", "sd", "--max-new-tokens", "20",
                "--prompt", "And God said", "--baseline");
        assertEquals(0, gen.code(), gen.err());
        assertTrue(gen.err().contains("identical to target"), gen.err());
        Cli doctor = cli("doctor", "--target", DIR.resolve("llama-f32.gguf").toString(), "--drafter",
                "src/test/resources/fixtures/llama-bf16-sharded", "--probe-tokens", "8");
        assertEquals(0, doctor.code(), doctor.err() + doctor.out());
        assertTrue(doctor.out().contains("identical id → token tables"), doctor.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sd", "csd"})
    void aGgufTargetWithGgufDraftsIsGreedyIdenticalToPlainDecoding(String method) {
        // differently quantised files of one model disagree a little: drafts are rejected now and then
        Cli gen = cli("generate", "--target", DIR.resolve("llama-q8_0.gguf").toString(),
                "--drafter", DIR.resolve("llama-q4_0.gguf").toString(), "--drafter", DIR.resolve("llama-q5_1.gguf").toString(),
                "--method", method, "--max-new-tokens", "40", "--prompt", "And God said", "--baseline");
        assertEquals(0, gen.code(), gen.err());
        assertTrue(gen.err().contains("identical to target"), gen.err());
        assertTrue(gen.err().contains("llama-q4_0.gguf takes about 804 KB in memory once dequantised to F32"), gen.err());
    }

    @Test
    void theMemoryALoadTakesIsKnownBeforeAndALoadThatWillNotFitIsRefused() {
        Path f = DIR.resolve("llama-q8_0.gguf");
        long needed = GgufModel.memoryNeeded(f);
        long params = 0, largest = 0;
        for (GgufTensor t : GgufFile.open(f).tensors()) {
            params += t.count();
            largest = Math.max(largest, t.count());
        }
        assertEquals(4 * params + 8 * largest, needed, "F32 weights plus the largest tensor twice");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> GgufModel.load(f, Device.cpu(), ComputeDType.F32, needed - 1));
        assertTrue(e.getMessage().contains("llama-q8_0.gguf: loading takes about") && e.getMessage().contains("available"),
                e.getMessage());
    }

    @Test
    void theLlamaConfigComesFromTheMetadata() {
        ModelConfig c = GgufModel.config(DIR.resolve("llama-f32.gguf"));
        assertEquals(4, c.numHeads());
        assertEquals(1, c.numKvHeads());
        assertEquals(64, c.hiddenSize());
        assertEquals(500000.0, c.ropeTheta());
        assertEquals(false, c.tieWordEmbeddings());
    }

    @Test
    void anArchitectureNotMappedYetIsRefusedByName() throws Exception {
        byte[] b = Files.readAllBytes(DIR.resolve("types.gguf")); // its general.architecture is llama ...
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = s.indexOf("general.architecture") + "general.architecture".length() + 4 + 8;
        byte[] mutated = b.clone();
        System.arraycopy("gemma".getBytes(), 0, mutated, at, 5); // ... make it "gemma"
        Path f = Files.write(tmp.resolve("gemma.gguf"), mutated);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> GgufModel.config(f));
        assertTrue(e.getMessage().contains("GGUF architecture 'gemma'"), e.getMessage());
    }
}
