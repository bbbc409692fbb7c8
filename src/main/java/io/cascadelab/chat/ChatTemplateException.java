package io.cascadelab.chat;

/** A chat template that is missing, malformed, or refused the conversation (its own raise_exception). */
public final class ChatTemplateException extends RuntimeException {

    public ChatTemplateException(String message) {
        super(message);
    }
}
