package io.fer.models;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A weights file that cannot be read, written, trusted or used: not HDF5, truncated, missing a layer or dataset,
 * an unsupported data type, a wrong hash, or weights that do not fit the network.
 *
 * <p>Unchecked, because callers can rarely do more than show the message; the message always starts with the
 * file's path and names the layer and weight where one is at fault.
 */
public class WeightFileException extends RuntimeException {
    private final transient Path file;

    /** A problem with {@code file}, described by {@code detail} (the path is prepended). */
    public WeightFileException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** A problem with {@code file} caused by {@code cause}. */
    public WeightFileException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
