package io.cascadelab.doctor;

import java.util.Locale;

/** A doctor's report as plain text (the CLI's output, and what the dialog copies). */
public final class ReportText {

    private ReportText() {
    }

    /** Several lines: the verdict, then one line per finding with its advice below. */
    public static String of(DoctorReport r) {
        StringBuilder b = new StringBuilder();
        b.append(verdict(r)).append('\n');
        for (Finding f : r.findings()) {
            b.append(String.format(Locale.ROOT, "  %-8s %-17s %s%n", f.status(), f.check(), f.detail()));
            if (!f.advice().isEmpty()) {
                b.append(String.format(Locale.ROOT, "  %-8s %-17s → %s%n", "", "", f.advice()));
            }
        }
        return b.toString();
    }

    /** One line: the pair, what kind of pair it is when it is not the usual decoder-only one, and whether it can run. */
    public static String verdict(DoctorReport r) {
        return r.target() + " ← " + r.drafter() + (r.encoderDecoder() ? " (an encoder-decoder pair)" : "") + ": "
                + (r.compatible() ? "can run together" : "cannot run together");
    }
}
