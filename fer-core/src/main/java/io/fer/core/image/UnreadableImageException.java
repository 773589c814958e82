package io.fer.core.image;

import java.io.IOException;

/** An image that cannot be decoded: missing, not an image, of an unsupported format, corrupt or truncated. */
public class UnreadableImageException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String reason;

    /**
     * @param source the file or other source, as named in the message
     * @param reason why it cannot be read, without the source's name
     * @param cause the decoder's error, or null
     */
    public UnreadableImageException(String source, String reason, Throwable cause) {
        super("Cannot read image " + source + ": " + reason, cause);
        this.source = source;
        this.reason = reason;
    }

    /** The file or other source that could not be read. */
    public String source() {
        return source;
    }

    /** Why, without the source's name. */
    public String reason() {
        return reason;
    }
}
