package io.fer.train.data;

import java.io.IOException;

/**
 * A data set folder that does not follow its layout: a missing folder, an empty class folder, a folder name that is
 * no expression, an unreadable label file or an unknown expression code. The message names the file or folder.
 */
public class DatasetException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file or folder */
    public DatasetException(String message) {
        super(message);
    }

    /** @param message what is wrong, naming the file or folder */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
