package io.cascadelab.draft;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Max-Gram's bigram fallback: for each token id the most frequent next token in a corpus (the
 * lowest id on ties), or {@link #NONE} if the token never appeared with a successor.
 *
 * <p>File format (little-endian): the 4 ASCII bytes {@code CLBG}, int32 version (1), int32
 * vocabSize, then vocabSize int32 entries (next token id or −1). 12 + 4·V bytes, about 128 KB for
 * a 32k vocabulary; fixed width keeps it trivially checkable for truncation.
 */
public final class BigramTable {

    /** Entry of a token that has no known successor. */
    public static final int NONE = -1;

    /** Current file format version. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "CLBG".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 12;

    private final int[] next;

    private BigramTable(int[] next) {
        this.next = next;
    }

    /** A table from its entries (copied): {@code next[t]} is t's successor or −1. */
    public static BigramTable of(int[] next) {
        int[] copy = next.clone();
        for (int t = 0; t < copy.length; t++) {
            if (copy[t] < NONE || copy[t] >= copy.length) {
                throw new IllegalArgumentException("bigram entry for token " + t + " is " + copy[t]
                        + ", outside -1.." + (copy.length - 1));
            }
        }
        return new BigramTable(copy);
    }

    /** Counts the bigrams inside each stream (never across two streams) and keeps each token's most frequent successor. */
    public static BigramTable build(int vocabSize, Iterable<int[]> streams) {
        Builder builder = builder(vocabSize);
        for (int[] stream : streams) {
            builder.add(stream);
        }
        return builder.build();
    }

    /** As {@link #build(int, Iterable)}. */
    public static BigramTable build(int vocabSize, int[]... streams) {
        return build(vocabSize, List.of(streams));
    }

    /** An incremental builder, for corpora tokenised one document at a time. */
    public static Builder builder(int vocabSize) {
        return new Builder(vocabSize);
    }

    /** The most likely token after {@code token}; −1 if unknown or if {@code token} lies outside the table. */
    public int next(int token) {
        return token >= 0 && token < next.length ? next[token] : NONE;
    }

    /** Number of token ids the table covers. */
    public int vocabSize() {
        return next.length;
    }

    /** Number of tokens that have a successor (for reports: how much of the vocabulary the corpus covered). */
    public int knownCount() {
        int known = 0;
        for (int v : next) {
            if (v != NONE) {
                known++;
            }
        }
        return known;
    }

    /** The entries (a copy). */
    public int[] toArray() {
        return next.clone();
    }

    /** Writes the table, replacing {@code path} only once the whole file is written. */
    public void save(Path path) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + 4 * next.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(VERSION).putInt(next.length);
        for (int v : next) {
            buf.putInt(v);
        }
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(tmp, buf.array());
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a table written by {@link #save}; a wrong, unsupported or truncated file raises an error naming it. */
    public static BigramTable load(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            // Read the header alone first, so that a wrong (possibly huge) file is not loaded whole.
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, header);
            header.flip();
            byte[] magic = new byte[Math.min(MAGIC.length, header.remaining())];
            header.get(magic);
            if (!Arrays.equals(magic, Arrays.copyOf(MAGIC, magic.length))) {
                throw new BigramFileException(path, "not a CascadeLab bigram table (starts with " + printable(magic)
                        + ", expected \"CLBG\")");
            }
            if (size < HEADER_BYTES) {
                throw new BigramFileException(path, "truncated: " + size + " bytes, the header alone needs "
                        + HEADER_BYTES);
            }
            int version = header.getInt();
            if (version != VERSION) {
                throw new BigramFileException(path, "bigram table version " + version
                        + " is not supported (this build reads version " + VERSION + "); rebuild the table");
            }
            int vocab = header.getInt();
            if (vocab < 0) {
                throw new BigramFileException(path, "corrupt header: vocabulary size " + vocab);
            }
            long expected = HEADER_BYTES + 4L * vocab;
            if (size < expected) {
                throw new BigramFileException(path, "truncated: vocabulary size " + vocab + " needs " + expected
                        + " bytes, the file has " + size);
            }
            if (size > expected) {
                throw new BigramFileException(path, (size - expected) + " unexpected bytes after the " + vocab
                        + " entries: the file is corrupt");
            }
            ByteBuffer body = ByteBuffer.allocate(4 * vocab).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, body);
            body.flip();
            int[] next = new int[vocab];
            for (int t = 0; t < vocab; t++) {
                next[t] = body.getInt();
                if (next[t] < NONE || next[t] >= vocab) {
                    throw new BigramFileException(path, "corrupt entry for token " + t + ": next token " + next[t]
                            + " is outside -1.." + (vocab - 1));
                }
            }
            return new BigramTable(next);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
            // keep reading: a channel may return fewer bytes than asked for
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            sb.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return sb.append('"').toString();
    }

    /** Counts bigrams in a primitive open-addressing map (key = first · V + second), memory ∝ distinct pairs. */
    public static final class Builder {

        private final int vocabSize;
        private long[] keys = new long[1 << 12];
        private int[] counts = new int[1 << 12];
        private int size;

        private Builder(int vocabSize) {
            if (vocabSize < 0) {
                throw new IllegalArgumentException("vocabulary size must be >= 0, got " + vocabSize);
            }
            this.vocabSize = vocabSize;
            Arrays.fill(keys, -1L);
        }

        /** Counts the bigrams of one token stream (a document). */
        public Builder add(int[] stream) {
            for (int i = 0; i < stream.length; i++) {
                if (stream[i] < 0 || stream[i] >= vocabSize) {
                    throw new IllegalArgumentException("token " + stream[i] + " at stream index " + i
                            + " is outside the vocabulary of " + vocabSize + ": the corpus must be tokenised"
                            + " with the model family's tokenizer");
                }
                if (i > 0) {
                    increment((long) stream[i - 1] * vocabSize + stream[i]);
                }
            }
            return this;
        }

        /** The table: each token's most frequent successor, the lowest id on ties. */
        public BigramTable build() {
            int[] next = new int[vocabSize];
            int[] best = new int[vocabSize];
            Arrays.fill(next, NONE);
            for (int slot = 0; slot < keys.length; slot++) {
                long key = keys[slot];
                if (key < 0) {
                    continue;
                }
                int first = (int) (key / vocabSize);
                int second = (int) (key % vocabSize);
                int c = counts[slot];
                if (c > best[first] || (c == best[first] && second < next[first])) {
                    best[first] = c;
                    next[first] = second;
                }
            }
            return new BigramTable(next);
        }

        private void increment(long key) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int slot = find(keys, key);
            if (keys[slot] < 0) {
                keys[slot] = key;
                size++;
            }
            counts[slot]++;
        }

        private static int find(long[] table, long key) {
            int mask = table.length - 1;
            int slot = (int) mix(key) & mask;
            while (table[slot] >= 0 && table[slot] != key) {
                slot = (slot + 1) & mask; // linear probing
            }
            return slot;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldCounts = counts;
            keys = new long[oldKeys.length * 2];
            counts = new int[oldKeys.length * 2];
            Arrays.fill(keys, -1L);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] >= 0) {
                    int slot = find(keys, oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    counts[slot] = oldCounts[i];
                }
            }
        }

        // Spread consecutive keys over the table (pairs of one token share a key prefix).
        private static long mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 32);
        }
    }
}
