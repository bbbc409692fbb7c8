package io.cascadelab.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Sample prompts: {@code <dir>/<category>/<name>.txt}, or a single file. */
public final class PromptLibrary {

    /** One prompt with its category (the folder it lives in). */
    public record Prompt(String category, String name, String text) {
    }

    private PromptLibrary() {
    }

    /** Loads every *.txt under {@code path} (or the one file), sorted by category then name. */
    public static List<Prompt> load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("prompt path " + path + " does not exist");
        }
        List<Prompt> out = new ArrayList<>();
        if (Files.isRegularFile(path)) {
            out.add(read(path, "custom"));
            return out;
        }
        try (Stream<Path> s = Files.walk(path)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                Path parent = path.relativize(p).getParent();
                out.add(read(p, parent == null ? "general" : parent.toString()));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no *.txt prompts under " + path);
        }
        return out;
    }

    private static Prompt read(Path p, String category) throws IOException {
        String name = p.getFileName().toString().replaceFirst("\\.txt$", "");
        String text = TextFiles.readUtf8(p);
        // a trailing newline from the editor is not part of the prompt
        return new Prompt(category, name, text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    }
}
