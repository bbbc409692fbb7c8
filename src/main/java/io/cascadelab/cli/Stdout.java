package io.cascadelab.cli;

/** Standard output that fails loudly: a PrintStream swallows write errors (a full disk, a closed pipe). */
final class Stdout {

    private Stdout() {
    }

    /** Prints {@code text} and a newline; throws when the output could not be written. */
    static void println(String text) {
        System.out.println(text);
        System.out.flush();
        if (System.out.checkError()) {
            throw new IllegalStateException("cannot write to standard output (disk full, or the reading end"
                    + " closed)");
        }
    }
}
