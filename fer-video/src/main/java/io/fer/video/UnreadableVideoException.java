package io.fer.video;

import java.io.IOException;

/** A video file or camera that cannot be opened at all; the message names it and says why. */
public final class UnreadableVideoException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnreadableVideoException(String message) {
        super(message);
    }
}
