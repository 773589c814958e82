package io.fer.core.model;

/** A model directory that cannot be used: missing or altered files, or a format this version cannot read. */
public final class ModelFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with its message. */
    public ModelFormatException(String message) {
        super(message);
    }

    /** An error with its message and cause. */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
