package io.cascadelab.doctor;

/**
 * One check of a target/drafter pair and what to do about it.
 *
 * @param check  what was checked ("vocabulary size", "tokenizer", …)
 * @param detail what was found, with the figures
 * @param advice what to do (empty when nothing needs doing)
 */
public record Finding(String check, Status status, String detail, String advice) {

    /** How a check came out. */
    public enum Status {
        /** Fine. */
        OK,
        /** Works, but costs speed or output quality. */
        WARNING,
        /** The pair cannot run together. */
        PROBLEM
    }

    static Finding ok(String check, String detail) {
        return new Finding(check, Status.OK, detail, "");
    }
}
