package io.cascadelab.model;

/** A checkpoint folder or file cannot be used; the message names the file and what to do. */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
