package io.cascadelab.doctor;

import java.util.List;

/**
 * The doctor's verdict on one target/drafter pair.
 *
 * @param probe          null when no probe ran (the pair cannot run, or the probe was not asked for)
 * @param encoderDecoder true when the target is an encoder-decoder and the drafter reads the input as it
 *                       does (a draft encoder-decoder, or a speculator on its decoder's states)
 */
public record DoctorReport(String target, String drafter, List<Finding> findings, ProbeResult probe,
                           boolean encoderDecoder) {

    public DoctorReport {
        findings = List.copyOf(findings);
    }

    /** True when nothing stops the pair from running together. */
    public boolean compatible() {
        return findings.stream().noneMatch(f -> f.status() == Finding.Status.PROBLEM);
    }

    /** The finding of {@code check}, or null. */
    public Finding finding(String check) {
        return findings.stream().filter(f -> f.check().equals(check)).findFirst().orElse(null);
    }
}
