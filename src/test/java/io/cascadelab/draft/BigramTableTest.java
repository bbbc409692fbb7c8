package io.cascadelab.draft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BigramTableTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheMostFrequentSuccessor() {
        BigramTable t = BigramTable.build(4, new int[] {1, 2, 1, 2, 1, 3});
        assertEquals(2, t.next(1), "1->2 twice beats 1->3 once");
        assertEquals(1, t.next(2));
        assertEquals(BigramTable.NONE, t.next(3), "3 ends the stream: no successor");
        assertEquals(BigramTable.NONE, t.next(0), "never seen");
        assertEquals(4, t.vocabSize());
        assertEquals(2, t.knownCount());
    }

    @Test
    void breaksTiesTowardsTheLowestId() {
        BigramTable t = BigramTable.build(6, new int[] {5, 3}, new int[] {5, 1}, new int[] {5, 4});
        assertEquals(1, t.next(5));
    }

    @Test
    void neverCountsAPairAcrossTwoStreams() {
        BigramTable t = BigramTable.build(3, new int[] {1}, new int[] {2});
        assertEquals(BigramTable.NONE, t.next(1));
    }

    @Test
    void tokensOutsideTheTableHaveNoSuccessor() {
        BigramTable t = BigramTable.of(new int[] {1, 0});
        assertEquals(BigramTable.NONE, t.next(-1));
        assertEquals(BigramTable.NONE, t.next(2));
    }

    @Test
    void rejectsCorpusTokensOutsideTheVocabulary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BigramTable.build(3, new int[] {0, 7}));
        assertTrue(e.getMessage().contains("token 7 at stream index 1"), e.getMessage());
    }

    @Test
    void rejectsEntriesOutsideTheVocabulary() {
        assertThrows(IllegalArgumentException.class, () -> BigramTable.of(new int[] {0, 2}));
    }

    @Test
    void matchesAPlainCountOnALargeRandomCorpus() {
        int vocab = 500;
        SplittableRandom random = new SplittableRandom(3);
        int[] stream = new int[200_000];
        for (int i = 0; i < stream.length; i++) {
            // skewed, so that argmax counts are meaningful and ties occur
            stream[i] = (int) (vocab * Math.pow(random.nextDouble(), 2));
        }
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 1; i < stream.length; i++) {
            counts.merge((long) stream[i - 1] * vocab + stream[i], 1, Integer::sum);
        }
        int[] expected = new int[vocab];
        int[] best = new int[vocab];
        Arrays.fill(expected, -1);
        counts.forEach((key, c) -> {
            int a = (int) (key / vocab);
            int b = (int) (key % vocab);
            if (c > best[a] || (c == best[a] && b < expected[a])) {
                best[a] = c;
                expected[a] = b;
            }
        });
        assertArrayEquals(expected, BigramTable.build(vocab, stream).toArray());
    }

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        BigramTable t = BigramTable.of(new int[] {2, -1, 0, 2});
        Path file = dir.resolve("nested/bigram.bin");
        t.save(file);
        assertEquals(12 + 4 * 4, Files.size(file));
        assertArrayEquals(t.toArray(), BigramTable.load(file).toArray());
        byte[] bytes = Files.readAllBytes(file);
        assertEquals("CLBG", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(-1, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(12 + 4), "little-endian");
    }

    @Test
    void anEmptyTableRoundTrips() throws IOException {
        Path file = dir.resolve("empty.bin");
        BigramTable.of(new int[0]).save(file);
        assertEquals(0, BigramTable.load(file).vocabSize());
    }

    @Test
    void aWrongMagicNamesTheFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Files.write(file, new byte[] {'{', '"', 'a', '"', 0, 0, 0, 0, 0, 0, 0, 0});
        BigramFileException e = assertThrows(BigramFileException.class, () -> BigramTable.load(file));
        assertEquals(file, e.path());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a CascadeLab bigram table"),
                e.getMessage());
    }

    @Test
    void aTruncatedBodyIsReportedWithTheExpectedSize() throws IOException {
        Path file = dir.resolve("bigram.bin");
        BigramTable.of(new int[] {1, 0, 1}).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        BigramFileException e = assertThrows(BigramFileException.class, () -> BigramTable.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated")
                && e.getMessage().contains("needs 24 bytes, the file has 21"), e.getMessage());
    }

    @Test
    void aTruncatedHeaderIsReported() throws IOException {
        Path file = dir.resolve("short.bin");
        Files.write(file, new byte[] {'C', 'L', 'B', 'G', 1, 0});
        assertMessage(file, "truncated");
        Files.write(file, new byte[0]);
        assertMessage(file, "truncated: 0 bytes");
    }

    @Test
    void trailingBytesAreReported() throws IOException {
        Path file = dir.resolve("long.bin");
        BigramTable.of(new int[] {0}).save(file);
        Files.write(file, new byte[] {9, 9}, java.nio.file.StandardOpenOption.APPEND);
        assertMessage(file, "2 unexpected bytes");
    }

    @Test
    void anUnsupportedVersionIsReported() throws IOException {
        Path file = dir.resolve("v9.bin");
        Files.write(file, header(9, 0).array());
        assertMessage(file, "version 9 is not supported");
    }

    @Test
    void anEntryOutsideTheVocabularyIsReported() throws IOException {
        Path file = dir.resolve("corrupt.bin");
        ByteBuffer buf = header(1, 2);
        buf.putInt(1).putInt(5);
        Files.write(file, buf.array());
        assertMessage(file, "corrupt entry for token 1: next token 5");
    }

    private static ByteBuffer header(int version, int vocab) {
        ByteBuffer buf = ByteBuffer.allocate(12 + 4 * vocab).order(ByteOrder.LITTLE_ENDIAN);
        return buf.put(new byte[] {'C', 'L', 'B', 'G'}).putInt(version).putInt(vocab);
    }

    private static void assertMessage(Path file, String fragment) {
        BigramFileException e = assertThrows(BigramFileException.class, () -> BigramTable.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(fragment), e.getMessage());
    }
}
