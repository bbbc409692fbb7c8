package io.cascadelab.model;

/** A sequence would exceed a model's context window. */
public class ContextLengthException extends RuntimeException {

    public ContextLengthException(String model, int needed, int capacity) {
        super(model + ": the sequence needs " + needed + " positions but the context holds " + capacity
                + "; shorten the prompt or lower max new tokens");
    }
}
