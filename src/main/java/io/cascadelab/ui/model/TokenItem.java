package io.cascadelab.ui.model;

/**
 * One token as the token view shows it.
 *
 * @param text       display text (decoded, may contain a newline)
 * @param styleClass provenance style class, see {@link Provenance}
 * @param step       target step that emitted or rejected it (-1 for prompt tokens)
 * @param index      index among the generated tokens (-1 for ghosts), or the prompt index for prompt tokens
 * @param ghost      a drafted token the target did not keep
 * @param tested     for a ghost: the target tested and rejected it (false: discarded after an earlier rejection)
 * @param tooltip    provenance and verdicts, one fact per line
 * @param copy       for a Max-Gram copy: where it was copied from, else null
 */
public record TokenItem(String text, String styleClass, int step, int index, boolean ghost, boolean tested,
                        String tooltip, CopySpan copy) {
}
