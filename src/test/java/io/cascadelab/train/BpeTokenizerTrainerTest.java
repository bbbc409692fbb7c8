package io.cascadelab.train;

import io.cascadelab.model.ByteLevelAlphabet;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonObject;
import io.cascadelab.train.BpeTokenizerTrainer.Options;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BpeTokenizerTrainerTest {

    /** A few KB of plain English, varied enough to learn real subwords. */
    static final String CORPUS = """
            The lighthouse keeper woke before dawn, as he had every morning for thirty years.
            He climbed the spiral stairs, counted the steps out of habit, and checked the lamp.
            The wind had shifted during the night; it now came from the north-east, cold and wet.
            Far below, the waves broke against the rocks with a sound like distant thunder.

            In the village, the baker was already at work. She kneaded the dough, shaped the loaves,
            and slid them into the oven. The smell of fresh bread drifted down the narrow streets.
            Children walked to school in pairs, carrying their books and arguing about the weather.
            "It will rain by noon," said one. "It will not," said the other, "the sky is too bright."

            A small fishing boat left the harbour at seven o'clock. The captain, an old friend of the
            keeper, waved as he passed the point. They had known each other since they were boys,
            and they still met every Sunday to play chess and to talk about the sea, the tides, the
            price of fuel, and the strange habits of tourists who arrived each summer.

            Mathematics is the study of patterns. Numbers such as 3, 17, 256 and 4096 appear again and
            again, because computers like powers of two. A tokenizer splits text into pieces; a good
            tokenizer uses few pieces for common words and still handles rare words, names and symbols.
            Byte pair encoding starts from single bytes and repeatedly merges the most frequent pair.
            After enough merges, common words such as "the", "and", "of" become single tokens, while
            rare words are spelled out from smaller parts.

            The afternoon brought rain after all. The children ran home, laughing, their books held over
            their heads. The baker closed her shop early and sat by the window with a cup of tea. She
            watched the clouds roll in from the sea and thought about her brother, who had moved to the
            city many years ago and wrote to her only at Christmas.

            At the lighthouse, the keeper wrote in his log: "Wind north-east, force six. Visibility
            poor. One vessel sighted at 07:12, returned to harbour at 15:40. All lamps working."
            He had written entries like this for thirty years, and he would write them for as long as
            the light was his to keep. When the storm grew stronger, he lit the lamp early and
            listened to the rain on the glass, steady and patient, like the turning of the light itself.

            Evening came slowly. The captain tied up his boat, sold his catch at the market, and walked
            up the hill to the keeper's cottage. They played two games of chess; the keeper won the
            first, the captain won the second, and they agreed, as they always did, that the third game
            would have to wait until next Sunday. Then they sat in silence and watched the beam sweep
            across the dark water, again and again, until the fire burned low and it was time to sleep.
            """;

    private static final Map<String, String> DJL_OPTIONS =
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false");

    @TempDir
    static Path dir;

    static BpeModel english;
    static HuggingFaceTokenizer tokenizer;

    @BeforeAll
    static void trainEnglish() throws IOException {
        english = BpeTokenizerTrainer.train(List.of(CORPUS), BpeTokenizerTrainer.Options.of(500));
        Path json = dir.resolve("tokenizer.json");
        english.writeTokenizerJson(json);
        tokenizer = HuggingFaceTokenizer.newInstance(json, DJL_OPTIONS);
    }

    @AfterAll
    static void closeTokenizer() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    private static Options toyOptions(int vocabSize) {
        return Options.of(vocabSize).withSpecialTokens(List.of()).withMinFrequency(1);
    }

    private static List<String> mergeStrings(BpeModel model) {
        return model.merges().stream().map(m -> m.left() + " " + m.right()).toList();
    }

    private static String roundTrip(String text) {
        long[] ids = tokenizer.encode(text).getIds();
        // decode(ids) alone would skip special tokens because addSpecialTokens=false.
        return tokenizer.decode(ids, false);
    }

    private static List<String> repeat(String word, int times) {
        return Collections.nCopies(times, word);
    }

    // --- merge order on hand-checked toy corpora ---

    @Test
    void learnsMergesInHandCheckedOrder() {
        // The HF course example. Pair counts: ug 20, then un 16, h+ug 15, p+un 12; then a tie at 5
        // between (hug, s) and (p, ug), which the smaller left string "hug" < "p" wins; then bun.
        List<String> texts = new ArrayList<>();
        texts.addAll(repeat("hug", 10));
        texts.addAll(repeat("pug", 5));
        texts.addAll(repeat("pun", 12));
        texts.addAll(repeat("bun", 4));
        texts.addAll(repeat("hugs", 5));

        BpeModel model = BpeTokenizerTrainer.train(texts, toyOptions(256 + 7));

        assertEquals(List.of("u g", "u n", "h ug", "p un", "hug s", "p ug", "b un"), mergeStrings(model));
        assertEquals(256 + 7, model.vocabSize());
        assertEquals("ug", model.tokens().get(256));
        assertEquals("bun", model.tokens().get(262));
    }

    @Test
    void stopsWhenTheCorpusRunsOutOfPairs() {
        List<String> texts = new ArrayList<>(repeat("hug", 10));
        texts.addAll(repeat("pun", 12));
        // hug and pun need two merges each; asking for far more must stop at four.
        BpeModel model = BpeTokenizerTrainer.train(texts, toyOptions(1000));
        assertEquals(List.of("p u", "pu n", "h u", "hu g"), mergeStrings(model));
        assertEquals(260, model.vocabSize());
    }

    @Test
    void overlappingRunsAreCountedAndMergedLeftToRight() {
        // "aaab": (a,a) counts 2 (overlapping) and wins; merging left to right gives [aa, a, b].
        // Then (aa,a) and (a,b) tie at 1 and "a" < "aa" picks (a,b); last, (aa,ab).
        BpeModel model = BpeTokenizerTrainer.train(List.of("aaab"), toyOptions(300));
        assertEquals(List.of("a a", "a b", "aa ab"), mergeStrings(model));
    }

    @Test
    void incrementalCountsAgreeWithNaiveRecounting() {
        List<String> texts = List.of(CORPUS);
        BpeModel model = BpeTokenizerTrainer.train(texts, toyOptions(500));
        assertEquals(NaiveBpe.merges(texts, 500, 1), model.merges());
    }

    @Test
    void incrementalCountsAgreeWithNaiveRecountingOnRandomRepetitiveText() {
        // Tiny alphabets force long runs, overlaps ("aaaa") and many ties: the tricky cases.
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<String> texts = new ArrayList<>();
            for (int d = 0; d < 1 + random.nextInt(4); d++) {
                StringBuilder sb = new StringBuilder();
                for (int i = random.nextInt(60); i > 0; i--) {
                    sb.append("ab c".charAt(random.nextInt(4)));
                }
                texts.add(sb.toString());
            }
            BpeModel model = BpeTokenizerTrainer.train(texts, toyOptions(256 + 30));
            assertEquals(NaiveBpe.merges(texts, 256 + 30, 1), model.merges(), texts::toString);
        }
    }

    @Test
    void minFrequencyStopsEarly() {
        List<String> texts = new ArrayList<>(repeat("hug", 3));
        texts.add("pun");
        BpeModel model = BpeTokenizerTrainer.train(texts, toyOptions(1000).withMinFrequency(2));
        assertEquals(List.of("h u", "hu g"), mergeStrings(model));
    }

    @Test
    void wordsAreSplitWithTheGpt2RegexAndSpaceBecomesG() {
        BpeModel model = BpeTokenizerTrainer.train(repeat("a cat, a cat", 3), toyOptions(300));
        Set<String> learned = new HashSet<>(model.tokens().subList(256, model.vocabSize()));
        assertTrue(learned.contains("Ġcat"), learned::toString);
        // No token may span a word boundary: the regex keeps "," and " a" apart.
        assertTrue(learned.stream().noneMatch(t -> t.contains(",") && t.length() > 1), learned::toString);
    }

    @Test
    void specialTokensInTheCorpusAreBoundariesNotTrainingText() {
        BpeModel model = BpeTokenizerTrainer.train(repeat("ab<|endoftext|>ab", 5),
                Options.of(400).withMinFrequency(1));
        assertEquals(List.of("a b"), mergeStrings(model));
        assertEquals(257, model.specialTokenId(BpeTokenizerTrainer.END_OF_TEXT));
    }

    // --- vocabulary, ids, file format ---

    @Test
    void vocabSizeIsExactAndSpecialTokenTakesTheLastId() throws IOException {
        assertEquals(500, english.vocabSize());
        assertEquals(499, english.specialTokenId(BpeTokenizerTrainer.END_OF_TEXT));
        assertEquals(499 - 256, english.merges().size());

        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("tokenizer.json"))).getAsJsonObject();
        JsonObject model = json.getAsJsonObject("model");
        assertEquals("BPE", model.get("type").getAsString());
        assertEquals(500, model.getAsJsonObject("vocab").size());
        assertEquals(499, json.getAsJsonArray("added_tokens").get(0).getAsJsonObject().get("id").getAsInt());
        assertTrue(json.get("truncation").isJsonNull());
    }

    @Test
    void extraSpecialTokensAreAppendedInOrder() {
        BpeModel model = BpeTokenizerTrainer.train(List.of(CORPUS),
                Options.of(300).withSpecialTokens(List.of("<|endoftext|>", "<|pad|>")));
        assertEquals(300, model.vocabSize());
        assertEquals(298, model.specialTokenId("<|endoftext|>"));
        assertEquals(299, model.specialTokenId("<|pad|>"));
    }

    @Test
    void trainingIsDeterministicAndFileAndTextInputsAgree(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a/tokenizer.json");
        Path b = tmp.resolve("b/tokenizer.json");
        BpeTokenizerTrainer.train(List.of(CORPUS), Options.of(500)).writeTokenizerJson(a);
        Path corpusFile = tmp.resolve("corpus.txt");
        Files.writeString(corpusFile, CORPUS, StandardCharsets.UTF_8);
        BpeTokenizerTrainer.train(corpusFile, Options.of(500)).writeTokenizerJson(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(dir.resolve("tokenizer.json")));
    }

    @Test
    void chunkedReadingCutsOnlyAfterNewlines() throws IOException {
        String big = (CORPUS + "\r\n").repeat(400); // > 1 MiB chars, so several chunks
        List<String> chunks = new ArrayList<>();
        BpeTokenizerTrainer.forEachChunk(new StringReader(big), c -> chunks.add(c.toString()));
        assertTrue(chunks.size() > 1);
        assertEquals(big, String.join("", chunks));
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertTrue(chunks.get(i).endsWith("\n"));
        }
    }

    // --- round trips through DJL's HuggingFaceTokenizer ---

    @ParameterizedTest
    @ValueSource(strings = {
            "The lighthouse keeper woke before dawn.",
            "line one\nline two\n\n\tindented\t\ttabs   and    spaces  \n",
            "   leading and trailing spaces   ",
            "\n\n\n",
            "Crème brûlée, Straße, naïve café, Ærøskøbing",
            "中文分词测试，日本語のテキスト、한국어 텍스트",
            "emoji 🙂🚀👩‍👩‍👧 flags 🇳🇴 and skin tones 👍🏽",
            "combining: e\u0301 a\u0308 n\u0303 Z\u0351\u0346\u036c",
            "control \u0000\u0001\u007f and NBSP\u00a0soft\u00adhyphen, zero\u200bwidth, line\u2028sep",
            "code: for (int i = 0; i < n; i++) { sum += a[i]; } // 100% done!!!",
            "it's they're we've I'm you'll he'd 'quoted' DON'T",
            "before<|endoftext|>after",
            "x"
    })
    void roundTripsExactly(String text) {
        assertEquals(text, roundTrip(text));
    }

    @Test
    void roundTripsRandomUnicode() {
        Random random = new Random(42);
        for (int n = 0; n < 300; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(40);
            for (int i = 0; i < len; i++) {
                int cp;
                switch (random.nextInt(4)) {
                    case 0 -> cp = random.nextInt(0x80);
                    case 1 -> cp = random.nextInt(0x800);
                    case 2 -> cp = random.nextInt(0x10000);
                    default -> cp = 0x10000 + random.nextInt(0x100000);
                }
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    continue; // lone surrogates are not valid UTF-8, so they cannot round-trip
                }
                sb.appendCodePoint(cp);
            }
            String text = sb.toString();
            assertEquals(text, roundTrip(text), () -> "code points: " + text.codePoints().boxed().toList());
        }
    }

    @Test
    void endOfTextEncodesAsOneSpecialId() {
        long eot = english.specialTokenId(BpeTokenizerTrainer.END_OF_TEXT);
        assertArrayEquals(new long[]{eot}, tokenizer.encode("<|endoftext|>").getIds());
        long[] ids = tokenizer.encode("Hello world<|endoftext|>Goodbye").getIds();
        assertEquals(1, java.util.Arrays.stream(ids).filter(id -> id == eot).count());
        assertEquals("Hello worldGoodbye", tokenizer.decode(ids, true));
    }

    @Test
    void djlTokensAreOurVocabulary() {
        String[] tokens = tokenizer.encode("The keeper's lamp, again and again.").getTokens();
        long[] ids = tokenizer.encode("The keeper's lamp, again and again.").getIds();
        for (int i = 0; i < ids.length; i++) {
            assertEquals(english.tokens().get((int) ids[i]), tokens[i]);
        }
    }

    @Test
    void longInputsAreNotTruncated() {
        String text = CORPUS.repeat(6);
        long[] ids = tokenizer.encode(text).getIds();
        assertTrue(ids.length > 3000, "only " + ids.length + " tokens");
        assertEquals(text, tokenizer.decode(ids, false));
    }

    @Test
    void compressesEnglishMoreThanTwofold() {
        long[] ids = tokenizer.encode(CORPUS).getIds();
        double bytesPerToken = (double) CORPUS.getBytes(StandardCharsets.UTF_8).length / ids.length;
        assertTrue(bytesPerToken > 2.0, "bytes per token " + bytesPerToken);
    }

    // --- progress and cancellation ---

    @Test
    void reportsProgressUpToTheTotal() {
        List<int[]> calls = new ArrayList<>();
        BpeTokenizerTrainer.train(List.of(CORPUS),
                Options.of(400).withProgress((done, total) -> calls.add(new int[]{done, total})));
        assertArrayEquals(new int[]{0, 143}, calls.get(0));
        assertArrayEquals(new int[]{143, 143}, calls.get(calls.size() - 1));
        for (int i = 1; i < calls.size(); i++) {
            assertEquals(calls.get(i - 1)[0] + 1, calls.get(i)[0]);
        }
    }

    @Test
    void cancellationStopsTraining() {
        AtomicInteger merges = new AtomicInteger();
        Options options = Options.of(500)
                .withProgress((done, total) -> merges.set(done))
                .withCancellation(() -> merges.get() >= 10);
        assertThrows(CancellationException.class, () -> BpeTokenizerTrainer.train(List.of(CORPUS), options));
        assertEquals(10, merges.get());
    }

    @Test
    void rejectsImpossibleOptions() {
        assertThrows(IllegalArgumentException.class, () -> Options.of(256));
        assertThrows(IllegalArgumentException.class, () -> Options.of(300).withSpecialTokens(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> Options.of(300).withMinFrequency(0));
    }

    // --- the byte alphabet ---

    @Test
    void byteAlphabetMatchesGpt2() {
        Set<Character> symbols = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            char c = ByteLevelAlphabet.symbol(b);
            assertTrue(symbols.add(c));
            assertTrue(!Character.isWhitespace(c) && !Character.isISOControl(c), "byte " + b);
        }
        assertEquals('Ġ', ByteLevelAlphabet.symbol(' '));
        assertEquals('Ċ', ByteLevelAlphabet.symbol('\n'));
        assertEquals('ĉ', ByteLevelAlphabet.symbol('\t'));
        assertEquals('A', ByteLevelAlphabet.symbol('A'));
        assertEquals("ä¸Ń", ByteLevelAlphabet.encode("中"));
        assertEquals("naïve 🙂", ByteLevelAlphabet.decode(ByteLevelAlphabet.encode("naïve 🙂")));
    }
}
