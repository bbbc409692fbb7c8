package io.cascadelab.draft;

/**
 * One token proposed by Max-Gram and where it came from. Max-Gram is deterministic, so its
 * proposal distribution is one-hot on {@code token}.
 */
public record MaxGramProposal(int token, CopySource source) {
}
