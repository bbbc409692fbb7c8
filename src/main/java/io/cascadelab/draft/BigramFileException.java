package io.cascadelab.draft;

import java.io.IOException;
import java.nio.file.Path;

/** A bigram table file that cannot be read: wrong format, unsupported version or truncated. */
public final class BigramFileException extends IOException {

    private final Path path;

    /** The message names the file and what is wrong with it. */
    public BigramFileException(Path path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The offending file. */
    public Path path() {
        return path;
    }
}
