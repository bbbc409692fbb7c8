package io.cascadelab.tune;

import com.google.gson.Gson;
import io.cascadelab.util.StrictJson;
import com.google.gson.JsonParseException;
import io.cascadelab.util.JsonProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A sweep as one JSON object: the grid, the default configuration and every cell with its per-prompt runs. */
public final class SweepJson {

    private static final Gson GSON = StrictJson.builder().setPrettyPrinting().create();

    private SweepJson() {
    }

    /** Writes {@code r} to {@code file}. */
    public static void write(SweepResult r, Path file) throws IOException {
        Files.writeString(file, GSON.toJson(r), StandardCharsets.UTF_8);
    }

    /** Reads a file written by {@link #write}; a {@link SweepFileException} says what is wrong with it. */
    public static SweepResult read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SweepFileException(file, e.getMessage() == null ? "it cannot be read" : e.getMessage(), e);
        }
        com.google.gson.JsonElement tree;
        try {
            tree = com.google.gson.JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new SweepFileException(file, "it is not valid JSON (" + JsonProblem.of(e) + ")", e);
        }
        SweepResult r;
        try {
            r = GSON.fromJson(tree, SweepResult.class);
        } catch (JsonParseException | IllegalStateException | NullPointerException | IllegalArgumentException e) {
            throw new SweepFileException(file, "it is JSON but not a sweep: a field is missing or has the wrong type", e);
        }
        if (r == null || r.rowAxis() == null || r.colAxis() == null || r.cells() == null || r.rowValues() == null
                || r.colValues() == null) {
            throw new SweepFileException(file, "the grid axes or cells are missing", null);
        }
        for (CellResult c : r.cells()) {
            if (c.config() == null || c.runs() == null) {
                throw new SweepFileException(file, "cell " + c.label() + " has no settings or runs", null);
            }
        }
        return r;
    }

    /** Reads a .csv or .json sweep file, by extension. */
    public static SweepResult readAny(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv")) {
            return SweepCsv.read(file);
        }
        if (name.endsWith(".json")) {
            return read(file);
        }
        throw new SweepFileException(file, "the name ends neither in .csv nor .json", null);
    }
}
