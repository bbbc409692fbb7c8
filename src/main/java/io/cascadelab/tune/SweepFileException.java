package io.cascadelab.tune;

import java.io.IOException;
import java.nio.file.Path;

/** A sweep file that cannot be read, with the file, the problem and what to do. */
public final class SweepFileException extends IOException {

    public SweepFileException(Path file, String problem, Throwable cause) {
        super("cannot read the sweep file " + file + ": " + problem
                + " (open a .csv or .json written by 'cascadelab sweep' or the lab's Save)", cause);
    }
}
