package io.cascadelab.util;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Small JSON file helpers shared by the trainer, traces and settings. */
public final class Json {

    private Json() {
    }

    /** Reads a JSON object file, with an error naming the file. */
    public static JsonObject read(Path file) throws IOException {
        JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        if (!e.isJsonObject()) {
            throw new IOException(file + ": expected a JSON object");
        }
        return e.getAsJsonObject();
    }

    /** Writes pretty JSON through a temp file and an atomic rename, so a crash never leaves half a file. */
    public static void writeAtomically(Path file, JsonElement json) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(json), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
