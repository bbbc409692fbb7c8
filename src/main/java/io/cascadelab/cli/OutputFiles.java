package io.cascadelab.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Output files are checked before a long run, so that a typo in a folder name costs nothing. */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Refuses {@code file} (given with {@code option}) when it cannot be created: its folder is
     * missing or not writable, or it names a folder. A null file is fine (no output asked for).
     */
    static void checkCreatable(Path file, String option) {
        if (file == null) {
            return;
        }
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder: give a file name");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": the folder " + dir
                    + " does not exist; create it or write elsewhere");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": the folder " + dir
                    + " is not writable");
        }
    }

    /** Something that writes a file. */
    @FunctionalInterface
    interface Write {
        void run() throws java.io.IOException;
    }

    /** Runs {@code write}; a failure names the option, the file and the cause (a full disk, say). */
    static void write(Path file, String option, Write write) {
        try {
            write.run();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(option + " " + file + ": cannot write it: " + e.getMessage());
        }
    }
}
