package io.cascadelab.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads text files the user gives (prompts), with errors that say what is wrong with the file. */
public final class TextFiles {

    private TextFiles() {
    }

    /** The file as UTF-8 text; an IOException names the file and the cause (missing, denied, not UTF-8 at byte N). */
    public static String readUtf8(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new IOException(file + " cannot be read: permission denied");
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            throw new IOException(String.format("%s is not UTF-8 text: byte 0x%02X at offset %d; save it as UTF-8",
                    file, bytes[in.position()] & 0xFF, in.position()));
        }
        d.flush(out);
        return out.flip().toString();
    }
}
