package io.cascadelab.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** GPT-2's reversible byte-to-unicode mapping, so every byte is a printable, non-space vocab symbol. */
public final class ByteLevelAlphabet {

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE;

    static {
        // Printable Latin-1 bytes map to themselves; the rest (controls, space, NBSP, soft hyphen)
        // are shifted to U+0100.. in byte order. This is exactly GPT-2's bytes_to_unicode().
        int shifted = 0;
        int maxChar = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = (char) (printable ? b : 256 + shifted++);
            maxChar = Math.max(maxChar, BYTE_TO_CHAR[b]);
        }
        CHAR_TO_BYTE = new int[maxChar + 1];
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        for (int b = 0; b < 256; b++) {
            CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
        }
    }

    private ByteLevelAlphabet() {
    }

    /** The symbol standing for one byte (0..255). */
    public static char symbol(int unsignedByte) {
        return BYTE_TO_CHAR[unsignedByte & 0xFF];
    }

    /** UTF-8 encodes {@code text} and maps each byte to its symbol. */
    public static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Maps each byte to its symbol. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    /** Inverse of {@link #encode(byte[])}; throws on characters outside the alphabet. */
    public static byte[] decodeBytes(String symbols) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(symbols.length());
        for (int i = 0; i < symbols.length(); i++) {
            char c = symbols.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) {
                throw new IllegalArgumentException("not a byte-level symbol: U+" + Integer.toHexString(c));
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /** Decodes symbols back to text; bytes that are not valid UTF-8 on their own become U+FFFD. */
    public static String decode(String symbols) {
        return new String(decodeBytes(symbols), StandardCharsets.UTF_8);
    }
}
